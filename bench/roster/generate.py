#!/usr/bin/env python3
"""A large HR roster in the import format: N staff over ~N/40 sections, deterministic (seeded).

usage: generate.py ROWS OUT.csv [--encoding utf-8|shift_jis] [--seed N] [--move PERCENT] [--department N]
--move rewrites PERCENT of the rows into another section (an April reshuffle), for re-import runs.
--department puts the first N rows into the four sections of one department (市町村001/総務部, which also gets its
  share of the other rows), the first of them as the department's manager: a large team for the reporting benchmark.
  Without it the output is as before; with it the other rows keep their names and sections (a few become the first,
  hence the manager, of their section in place of one of the moved rows).
"""
import argparse, random

FAMILY = [("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"),
          ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
          ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ")]
GIVEN = [("翔太", "ショウタ"), ("美咲", "ミサキ"), ("大輔", "ダイスケ"), ("陽子", "ヨウコ"), ("健一", "ケンイチ"), ("由美", "ユミ"),
         ("拓也", "タクヤ"), ("彩", "アヤ"), ("直樹", "ナオキ"), ("恵", "メグミ"), ("誠", "マコト"), ("舞", "マイ")]
DEPARTMENTS = ["総務部", "企画部", "市民部", "健康福祉部", "こども未来部", "環境経済部", "建設部", "上下水道部", "教育委員会事務局"]
SECTION_WORDS = ["総務", "企画", "市民", "税務", "福祉", "保育", "環境", "道路", "学務", "観光", "収納", "保険"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("rows", type=int)
    p.add_argument("out")
    p.add_argument("--encoding", default="utf-8")
    p.add_argument("--seed", type=int, default=20260401)
    p.add_argument("--move", type=float, default=0.0)
    p.add_argument("--department", type=int, default=0)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    municipalities = max(1, a.rows // 2000)  # a prefecture-wide roster: many cities of ~2,000
    sections = []
    for m in range(municipalities):
        city = f"市町村{m + 1:03d}"
        for d in DEPARTMENTS:
            for w in SECTION_WORDS[: 4]:
                sections.append(f"{city}/{d}/{w}第{len(sections) % 7 + 1}課")
    move = random.Random(a.seed + 1)
    with open(a.out, "w", encoding="utf-8-sig" if a.encoding == "utf-8" else "cp932", newline="") as f:
        f.write("職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,管理所属,在籍\r\n")
        managers = {}
        for i in range(a.rows):
            fam, fk = FAMILY[rnd.randrange(len(FAMILY))]
            giv, gk = GIVEN[rnd.randrange(len(GIVEN))]
            section = sections[rnd.randrange(len(sections))]
            if a.move and move.random() * 100 < a.move:
                section = sections[move.randrange(len(sections))]
            tier, managed = "一般職", ""
            if i < a.department:
                # sections[0:4] are 市町村001/総務部's; the random draw above is kept so that the other rows do not change.
                section = sections[i % 4]
                if i == 0:
                    tier, managed = "管理職", section.rsplit("/", 1)[0]
                    f.write(f"{700000 + i},{fam},{giv},{fk},{gk},staff{700000 + i}@pref.example.jp,{section},{tier},{managed},1\r\n")
                    continue
            if section not in managers:
                managers[section] = i
                tier, managed = "管理職", section
            f.write(f"{700000 + i},{fam},{giv},{fk},{gk},staff{700000 + i}@pref.example.jp,{section},{tier},{managed},1\r\n")


if __name__ == "__main__":
    main()
