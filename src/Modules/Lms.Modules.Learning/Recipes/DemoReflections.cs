using Lms.Contracts.Courses;
using Lms.Contracts.Organization;

namespace Lms.Modules.Learning.Recipes;

/// <summary>Reflections the demo staff "wrote": plausible, varied, long enough for any tier's minimum.</summary>
internal static class DemoReflections
{
    private static readonly string[] General =
    [
        "窓口で受け付けている転入の手続きを、市民の立場で最初から最後までたどってみました。記入する書類が多く、同じ住所を何度も書いてもらっていることに気づきました。まずは係内で書類を一枚にまとめられないか話し合い、来月の繁忙期の前に小さく試してみたいと思います。試した結果は、窓口に来た方の待ち時間と記入ミスの件数で確かめ、うまくいけば他の手続きにも広げていきます。",
        "ワークショップで他の課の人とペルソナを作ったとき、自分が当たり前だと思っていた手順が、子育て中の方には大きな負担になっていると分かりました。前例がないからと止めずに、オンラインで事前に予約できる仕組みを、まずは一つの手続きで試してみることを係長に提案します。利用した方に簡単なアンケートをお願いし、使いにくい点があればすぐに直せるよう、係のみんなで週に一度ふりかえる時間もつくりたいです。",
        "ごみの分別に関する問い合わせ対応を振り返りました。同じ質問が毎週のように来ているので、よくある質問を市民の言葉で書き直し、ホームページとチラシの両方で分かりやすく伝えたいです。数か月後に問い合わせの件数がどう変わるかも記録して、効果を確かめます。書き直すときは、日本語が得意でない方や高齢の方にも読んでもらい、分かりにくい言葉がないかを一緒に確認したいと考えています。",
    ];

    private static readonly string[] Manager =
    [
        "係員が新しいやり方を提案したとき、忙しさを理由に後回しにしていたことに気づきました。これからは週に一度、短い時間でも改善のアイデアを話し合う場をつくり、失敗しても責めずに学びを共有するようにします。まずは申請書の電子化を一件、係員に任せて進めてもらいます。進め方に迷ったときに相談しやすいよう、私から声をかけることを意識し、うまくいった点も、つまずいた点も、課内の会議で共有してもらうつもりです。",
        "課の業務を市民目線で見直すため、課内で二つのチームをつくり、それぞれ一つの手続きを選んで改善案を考えてもらうことにしました。私の役割は、時間を確保し、関係課との調整を引き受けることです。三か月後に成果と学びを課全体で共有します。その際には結果だけでなく、途中で方針を変えた理由や市民から聞いた声も紹介してもらい、次の取組みにつながる学びとして残していきたいと考えています。",
    ];

    private static readonly string[] Executive =
    [
        "部として、デジタル化そのものを目標にするのではなく、市民が手続きにかける時間を半分にすることを目標に掲げます。各課の取組みを四半期ごとに確認し、うまくいかなかった試みも学びとして報告してもらえるよう、私自身が失敗を歓迎する姿勢を言葉と行動で示します。あわせて、部の職員が他の部署や市民と対話する機会を増やし、現場で見つけた気づきが幹部まで届く仕組みを、各課長と一緒に整えていきます。",
        "幹部会議でDXの目的を自分の言葉で語れるよう準備します。予算と人員の配分では、効果が見込める小さな試行に優先的に資源を回し、成果の出ない事業はやめる判断もします。職員の挑戦を支えるため、決裁の手順を見直すことから始めます。半年後には、何を決め、何をやめ、職員の挑戦がどれだけ生まれたかを自分自身でもふりかえり、その結果を部内に公開して次の目標につなげます。",
    ];

    private const string Closing = "この研修で学んだことを、明日からの仕事で一つずつ試し、周りの人とも分かち合っていきます。";

    public static string Pick(PublishedCourse course, int minLength, Random random)
    {
        var texts = course.Tiers.Contains(StaffTier.Executive) ? Executive : course.Tiers.Contains(StaffTier.Manager) ? Manager : General;
        var text = texts[random.Next(texts.Length)];
        while (text.Length < minLength)
        {
            text += Closing; // an author may have raised the minimum above what the samples hold
        }

        return text;
    }
}
