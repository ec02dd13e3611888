using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Lms.Modules.Workshops.Features.Teams;

namespace Lms.Modules.Workshops.Recipes;

/// <summary>Team work for the demo history, in the words staff would write at a Step-0 workshop.</summary>
internal static class DemoArtefacts
{
    private static PersonaContent Persona(string who, string situation, string needs, string pains) =>
        new() { Who = who, Situation = situation, Needs = needs, Pains = pains };

    private static JourneyStage Stage(string name, string actions, string feelings, string painPoints) =>
        new() { Name = name, Actions = actions, Feelings = feelings, PainPoints = painPoints };

    private static PitchContent Pitch(string problem, string idea, string firstStep, string people) =>
        new() { Problem = problem, Idea = idea, FirstStep = firstStep, People = people };

    private static readonly PersonaContent[] Personas =
    [
        Persona("保育園に子ども2人を通わせる、共働き世帯の母親（34歳）",
            "平日は8時から18時まで勤務。市役所の窓口が開いている時間に来庁するのが難しく、児童手当の現況確認や保育園の申し込みのたびに半日休暇を取っている。",
            "スマートフォンで、すき間時間に手続きを済ませたい。何を準備すればよいかを前もって知りたい。",
            "書類の書き方が分からず、窓口で書き直しになった。担当課ごとに同じ内容を何度も書かされる。"),
        Persona("県外から市内に転入した70代の夫婦",
            "息子の住むまちに引っ越してきた。車は運転せず、バスで来庁する。スマートフォンは電話とメッセージ程度に使う。",
            "一度の来庁で、転入に伴う手続きをまとめて終えたい。分からないことを気軽に聞ける相手がほしい。",
            "窓口を何か所も回り、2時間以上かかった。介護保険や医療の案内が専門用語ばかりで分かりにくい。"),
        Persona("市内で飲食店の開業を準備している自営業者（42歳）",
            "開業準備の合間に、保健所や市の産業振興課、税務課の手続きを並行して進めている。",
            "必要な手続きの全体像と順番を知りたい。補助金の締め切りを逃したくない。",
            "どの窓口に何を出せばよいか、人によって説明が違った。平日の昼間に何度も来庁しなければならない。"),
    ];

    private static readonly JourneyStage[][] Journeys =
    [
        [
            Stage("知る", "保育園の入園案内をホームページで探す", "どこに載っているのか分からず不安", "情報がいくつものページに分かれている"),
            Stage("準備する", "必要書類をそろえ、就労証明書を勤務先に頼む", "締め切りに間に合うか焦る", "様式のダウンロード先が分かりにくい"),
            Stage("申し込む", "半日休暇を取って窓口に行く", "待ち時間が長く、疲れる", "受付が平日の開庁時間だけ"),
            Stage("結果を待つ", "結果の通知を待つ", "決まるまで仕事の予定が立てられない", "審査の進み具合が分からない"),
        ],
        [
            Stage("引っ越しを決める", "息子に市の様子を聞く", "知らないまちで暮らせるか心配", "転入後の手続きの全体像が見えない"),
            Stage("来庁する", "バスで市役所に行き、総合案内で尋ねる", "どこへ行けばよいか分からず緊張する", "案内表示の文字が小さい"),
            Stage("手続きする", "市民課、保険年金課、介護保険課を順に回る", "同じことを何度も聞かれてうんざりする", "窓口ごとに待ち時間がある"),
            Stage("暮らし始める", "ごみの出し方や地域の行事を調べる", "少しずつ安心してくる", "地域の情報がまとまっていない"),
        ],
    ];

    private static readonly string[][] Insights =
    [
        [
            "市民は「手続き」ではなく、出産や転入、開業といった「暮らしの出来事」の単位で困りごとを抱えている。",
            "窓口に来る理由の多くは、必要な書類や書き方が前もって分からないことにある。",
            "職員が当たり前に使う言葉（現況届、課税証明など）が、市民にとっては最初の壁になっている。",
        ],
        [
            "平日の昼間に来庁できる人を前提にした仕組みが、働く世代の負担になっている。",
            "同じ内容を何度も書いてもらうことが、市民にも職員にも二重の手間を生んでいる。",
            "「どこに聞けばよいか」が分かるだけで、不安の多くは小さくなる。",
        ],
    ];

    private static readonly PitchContent[] Pitches =
    [
        Pitch("子育て世帯は、保育園の申し込みのたびに仕事を休んで来庁し、書類の書き直しで二度手間になっている。",
            "質問に答えるだけで、必要な書類と書き方を案内する「手続きナビ」をホームページに設け、オンライン申請につなげる。",
            "次の受付期間に、窓口で多い質問と書き直しの理由を1週間記録し、よくある質問のページを1枚つくって反応を見る。",
            "保育課、情報政策課、広報担当、実際に申し込んだ保護者の方数名"),
        Pitch("転入した高齢の方が、いくつもの窓口を回って長い時間待っている。",
            "転入に伴う手続きを1枚のチェックリストにまとめ、最初の窓口で一度に案内する。",
            "市民課の窓口で転入者に関係する手続きを洗い出し、試作したチェックリストを2週間使ってみる。",
            "市民課、保険年金課、介護保険課、高齢福祉課、窓口を利用した市民の方"),
        Pitch("職員が業務改善のアイデアを持っていても、試す時間と場がない。",
            "各課で月に1回、1時間の「カイゼンの時間」を設け、小さな改善を試して結果を共有する。",
            "まず自分の課で、次回の課内会議の最後の30分を使い、困りごとを一つ選んで話し合う。",
            "課長、係長、人事課（研修担当）、情報政策課"),
    ];

    /// <summary>The artefacts a team of this workshop would have written (the n-th set, varied), or none.</summary>
    public static IReadOnlyList<(ArtefactKind Kind, ArtefactContent Content)> For(WorkshopInfo workshop, int n) => workshop.Key switch
    {
        "workshop-persona-journey" => [(ArtefactKind.Persona, Personas[n % Personas.Length]), (ArtefactKind.Journey, new JourneyContent { Stages = [.. Journeys[n % Journeys.Length]] })],
        "workshop-insight-pitch" => [(ArtefactKind.Insights, new InsightsContent { Statements = [.. Insights[n % Insights.Length]] }), (ArtefactKind.Pitch, Pitches[n % 2])],
        "workshop-team-dx-plan" or "workshop-lead-decide" => [(ArtefactKind.Pitch, Pitches[2])],
        "workshop-vision-goals" or "workshop-support-change" => [(ArtefactKind.Insights, new InsightsContent { Statements = [.. Insights[n % Insights.Length]] })],
        _ => [],
    };
}
