"""Import files of the bureau's older registers (interchange.md, Chinese headers), written reproducibly.

The rows are cases registered before the generated data set begins (so they are all new and easy to remove again),
for existing committees and their mediators. A "broken" variant has one wrong row near the end: the import must
then write nothing at all.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks import names
from benchmarks.settings import DATA_DIR, SEED

# The imported register: 2018 and 2019, before the generated data set (whose counters start in 2020).
IMPORT_START, IMPORT_END = date(2018, 1, 1), date(2019, 12, 31)
FILES_VERSION = 1
HEADERS = (
    "案件编号", "调委会编码", "调解员", "纠纷类型", "案件来源", "登记日期", "受理日期", "调解结果", "结案日期",
    "协议形式", "延长天数", "涉及金额", "涉及人数", "申请人", "被申请人", "简要案情",
)  # fmt: skip
DISPUTE_NAMES = (
    ("婚姻家庭", "marriage_family"), ("邻里", "neighbour"), ("合同", "contract"), ("损害赔偿", "damages"),
    ("劳动争议", "labour"), ("物业", "property_management"), ("道路交通事故", "traffic"), ("其他", "other"),
)  # fmt: skip
SOURCES = ("排查", "申请", "委托移送")
OUTCOMES = ("调解成功", "调解成功", "调解成功", "调解成功", "调解成功", "调解成功", "调解不成", "终止")


def rows(count: int, committees: dict[str, list[str]], shorts: dict[str, str]) -> list[list]:
    """`count` import rows for the given committees (code -> mediator codes; code -> short name)."""
    rng = random.Random(SEED + 1)
    codes = sorted(committees)
    span = (IMPORT_END - IMPORT_START).days - 45
    seq: dict[tuple[str, int], int] = {}
    out = []
    for _ in range(count):
        code = rng.choice(codes)
        registered = IMPORT_START + timedelta(days=rng.randrange(span))
        key = (code, registered.year)
        seq[key] = seq.get(key, 0) + 1
        accepted = registered + timedelta(days=rng.randint(0, 2))
        closed = accepted + timedelta(days=rng.randint(1, 40))
        outcome = rng.choice(OUTCOMES)
        dispute_zh, dispute_code = rng.choice(DISPUTE_NAMES)
        applicant, respondent = names.person_name(rng), names.person_name(rng)
        out.append(
            [
                f"{shorts[code]}调〔{registered.year}〕导{seq[key]:05d}号",
                code,
                ";".join(rng.sample(committees[code], min(len(committees[code]), rng.choice((1, 1, 2))))),
                dispute_zh,
                rng.choice(SOURCES),
                registered.isoformat(),
                accepted.isoformat(),
                outcome,
                closed.isoformat(),
                ("书面" if rng.random() < 0.8 else "口头") if outcome == "调解成功" else "",
                "",
                f"{rng.lognormvariate(8.5, 1.2):.2f}" if rng.random() < 0.6 else "",
                str(rng.choice((2, 2, 3, 4))),
                applicant,
                respondent,
                names.summary(rng, dispute_code, applicant, respondent),
            ]
        )
    return out


def broken(good: list[list]) -> list[list]:
    """The same rows with one error near the end (an unknown committee code)."""
    bad = [list(r) for r in good]
    bad[-2][1] = "NO-SUCH-COMMITTEE"
    return bad


def write_csv(path: Path, data: list[list]) -> Path:
    """UTF-8 with BOM, as Excel saves 'CSV UTF-8'."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(data)
    return path


def write_xlsx(path: Path, data: list[list]) -> Path:
    """The first sheet, dates as text the way clerks type them."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("案件")
    sheet.write_row(0, 0, HEADERS)
    for index, row in enumerate(data, start=1):
        sheet.write_row(index, 0, row)
    workbook.close()
    return path


def import_files(count: int, committees: dict[str, list[str]], shorts: dict[str, str]) -> dict[str, Path]:
    """The four files (csv, xlsx, each good and broken), written once per size under benchmarks/data/."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    paths = {
        f"{kind}.{ext}": DATA_DIR / f"import-{count}-v{FILES_VERSION}-{kind}.{ext}"
        for kind in ("good", "broken")
        for ext in ("csv", "xlsx")
    }
    if all(p.exists() for p in paths.values()):
        return paths
    good = rows(count, committees, shorts)
    bad = broken(good)
    write_csv(paths["good.csv"], good)
    write_csv(paths["broken.csv"], bad)
    write_xlsx(paths["good.xlsx"], good)
    write_xlsx(paths["broken.xlsx"], bad)
    return paths
