"""A QMS grown to hundreds of controlled documents, generated into a copy of the repository.

The manual is 13 pages; a university's QMS grows into procedures, work instructions and forms.
``add_procedures`` adds N short procedure pages per language, each a controlled document that
passes every check of ``sapat check``: its own document code, an owner and an approval from
``processes/roles.yml``, the fingerprint of its approved text, a Russian translation recording
which Kyrgyz text it translates, eight numbered clauses, and references to other procedures and
into the manual's clauses. The text is assembled from phrases of a university's procedures, not
copied from the manual, so that pages differ the way real ones do. A procedure's clauses that keep
records per [[4.2.4]] are named by a record of ``processes/records.yml``, as the check requires
(docs/registers.md), kept under documentation management (the process 4.2.4 governs).

Procedure k is clause ``100 + k`` (its clauses ``100+k.1`` to ``100+k.8``), so clause ids stay
unique in each edition. Pages go to ``manual/<lang>/pr-0001.md``, listed flat in the nav, or into
folders, which sapat shows as nav sections (``add_procedures`` says which).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sapat.core.model.clauses import scan_page
from sapat.core.sources.files import set_front_matter, split_front_matter
from sapat.core.sources.fingerprints import fingerprint

FIRST_CLAUSE = 101  # procedure k is clause 100 + k: above every section of the manual
MOST_PROCEDURES = 9999 - FIRST_CLAUSE + 1  # document codes have at most four digits
RECORDS, DOCUMENTS, AUDIT, PROCESS_MONITORING, REVIEW_INPUT = "4.2.4", "4.2.3", "8.2.2", "8.2.3", "5.6.2"
APPROVING_BODY = "academic_council"

# (Kyrgyz, Russian) pairs: every phrase exists in both languages, so a page and its translation
# say the same thing.
SUBJECTS = (
    ("Окуу пландарын иштеп чыгуу жана бекитүү", "Разработка и утверждение учебных планов"),
    ("Студенттерди кабыл алуу", "Приём студентов"),
    ("Окуу сабактарынын жүгүртмөсүн түзүү", "Составление расписания учебных занятий"),
    ("Студенттердин билимин учурдагы текшерүү", "Текущий контроль знаний студентов"),
    ("Аралык жана жыйынтыктоочу аттестация", "Промежуточная и итоговая аттестация"),
    ("Өндүрүштүк практиканы уюштуруу", "Организация производственной практики"),
    ("Бүтүрүүчүлөрдү жумушка орноштурууга көмөктөшүү", "Содействие трудоустройству выпускников"),
    ("Окутуучулардын квалификациясын жогорулатуу", "Повышение квалификации преподавателей"),
    ("Окуу-усулдук комплекстерди даярдоо", "Подготовка учебно-методических комплексов"),
    ("Китепкана фондун толуктоо", "Комплектование библиотечного фонда"),
    ("Окуу аудиторияларын тейлөө", "Обслуживание учебных аудиторий"),
    ("Лабораториялык жабдууларды текшерүү", "Поверка лабораторного оборудования"),
    ("Студенттердин арыздарын кароо", "Рассмотрение обращений студентов"),
    ("Илимий долбоорлорду каттоо", "Регистрация научных проектов"),
    ("Академиялык мобилдүүлүк", "Академическая мобильность"),
    ("Чет өлкөлүк студенттерди кабыл алуу", "Приём иностранных студентов"),
    ("Кызматкерлерди жумушка кабыл алуу", "Приём работников на работу"),
    ("Жатаканага жайгаштыруу", "Заселение в общежитие"),
    ("Стипендия дайындоо", "Назначение стипендий"),
    ("Дипломдорду берүү жана каттоо", "Выдача и регистрация дипломов"),
    ("Документтерди архивге өткөрүп берүү", "Передача документов в архив"),
    ("Окутуучулардын сабактарына өз ара катышуу", "Взаимопосещение занятий преподавателей"),
    ("Студенттер арасында сурамжылоо жүргүзүү", "Проведение анкетирования студентов"),
    ("Билим берүү программаларын өз алдынча баалоо", "Самооценка образовательных программ"),
    ("Сатып алуу арыздарын кароо", "Рассмотрение заявок на закупки"),
    ("Электрондук окутуу платформасын колдоо", "Сопровождение платформы электронного обучения"),
    ("Ички аудиттин программасын түзүү", "Составление программы внутреннего аудита"),
    ("Окуу китептерин басмага даярдоо", "Подготовка учебников к изданию"),
    ("Магистратурага кабыл алуу", "Приём в магистратуру"),
    ("Кесиптик багыт берүү иштери", "Профориентационная работа"),
)
#: The unit a procedure belongs to: its folder (with ``by_unit``), Kyrgyz and Russian names.
UNITS = (
    ("medicine", "Медицина факультети", "Медицинский факультет"),
    ("economics", "Экономика жана башкаруу факультети", "Факультет экономики и управления"),
    ("philology", "Филология факультети", "Филологический факультет"),
    ("natural-sciences", "Табигый илимдер факультети", "Естественно-научный факультет"),
    ("law", "Юридикалык факультет", "Юридический факультет"),
    ("physics-mathematics", "Физика-математика факультети", "Физико-математический факультет"),
    ("pedagogy", "Педагогика жана психология факультети", "Факультет педагогики и психологии"),
    ("technical-college", "Техникалык колледж", "Технический колледж"),
    ("medical-college", "Медициналык колледж", "Медицинский колледж"),
    ("academic-office", "Окуу бөлүмү", "Учебный отдел"),
    ("human-resources", "Кадрлар бөлүмү", "Отдел кадров"),
    ("research-office", "Илим бөлүмү", "Научный отдел"),
    ("international-office", "Эл аралык байланыштар бөлүмү", "Отдел международных связей"),
    ("library", "Илимий китепкана", "Научная библиотека"),
)


PROCEDURE_STEPS = ("Иштин тартиби", "Порядок выполнения работ")  # the clause with numbered steps


@dataclass(frozen=True)
class ClauseText:
    """One of the eight clauses every procedure has: its heading, the sentences it always says,
    and sentences of which it says ``picks`` (chosen per page)."""

    heading: tuple[str, str]
    always: tuple[tuple[str, str], ...]
    optional: tuple[tuple[str, str], ...]
    picks: int


CLAUSES = (
    ClauseText(("Максаты", "Цель"), (), (
        ("Бул документ «{title_ky}» боюнча иштерди аткаруунун бирдиктүү тартибин белгилейт.",
         "Настоящий документ устанавливает единый порядок выполнения работ по направлению «{title_ru}»."),
        ("Процедуранын максаты – ишти пландоонун, аткаруунун жана көзөмөлдөөнүн ачык-айкындыгын камсыз кылуу.",
         "Цель процедуры – обеспечить прозрачность планирования, выполнения и контроля работ."),
        ("Документ сапат менеджменти системасынын талаптарын бөлүмдүн күнүмдүк ишине киргизүүгө багытталган.",
         "Документ направлен на внедрение требований системы менеджмента качества в повседневную работу подразделения."),
        ("Процедура керектөөчүлөрдүн талаптарын так аныктоого жана аткарууга жардам берет.",
         "Процедура помогает точно определять и выполнять требования потребителей."),
        ("Процедура аткарылган иштердин натыйжалуулугун баалоого негиз болот.",
         "Процедура служит основой для оценки результативности выполненных работ."),
    ), 2),
    ClauseText(("Колдонуу чөйрөсү", "Область применения"), (
        ("Процедура төмөнкү бөлүмдө колдонулат: {unit_ky}.",
         "Процедура применяется в подразделении: {unit_ru}."),
    ), (
        ("Процедура {year}-{next_year}-окуу жылынан тартып колдонулат.",
         "Процедура применяется начиная с {year}–{next_year} учебного года."),
        ("Документ студенттерге, окутуучуларга жана окуу-көмөкчү персоналга тиешелүү.",
         "Документ распространяется на студентов, преподавателей и учебно-вспомогательных работников."),
        ("Документтин талаптары бөлүмдүн бардык кызматкерлери үчүн милдеттүү.",
         "Требования документа обязательны для всех работников подразделения."),
    ), 1),
    ClauseText(("Ченемдик шилтемелер", "Нормативные ссылки"), (
        ("Бул процедура сапат боюнча усулдук колдонмонун талаптарына ылайык иштелип чыккан ([[{manual}]]).",
         "Процедура разработана в соответствии с требованиями руководства по качеству ([[{manual}]])."),
    ), (
        ("Документтер [[" + DOCUMENTS + "]] боюнча, каттоолор [[" + RECORDS + "]] боюнча башкарылат.",
         "Управление документацией осуществляется согласно [[" + DOCUMENTS + "]], управление записями – согласно [[" + RECORDS + "]]."),
        ("Процедура ISO 9001-2011 стандартынын жана ЖАМУнун ички ченемдик документтеринин негизинде түзүлгөн.",
         "Процедура составлена на основе стандарта ISO 9001-2011 и внутренних нормативных документов ЖАГУ."),
        ("Процесстердин өз ара байланышы схемада көрсөтүлгөн ([[тиркеме 1]]).",
         "Взаимодействие процессов показано на схеме ([[приложение 1]])."),
    ), 1),
    ClauseText(("Жоопкерчиликтер жана укуктар", "Ответственность и полномочия"), (
        ("Процедуранын аткарылышына {owner_ky} жооп берет.",
         "Ответственность за выполнение процедуры несёт {owner_ru}."),
    ), (
        ("{helper_ky} аткаруучуларды белгилейт жана алардын ишин көзөмөлдөйт.",
         "{helper_ru} назначает исполнителей и контролирует их работу."),
        ("Ар бир аткаруучу өз милдеттери менен жазуу жүзүндө таанышкандан кийин ишке киришет.",
         "Каждый исполнитель приступает к работе после письменного ознакомления со своими обязанностями."),
        ("Билим берүүнүн сапаты бөлүмү процедуранын сакталышына усулдук жардам көрсөтөт.",
         "Отдел качества образования оказывает методическую помощь в соблюдении процедуры."),
    ), 2),
    ClauseText(PROCEDURE_STEPS, (
        ("Иш төмөнкү ырааттуулукта аткарылат:", "Работы выполняются в следующей последовательности:"),
    ), (), 0),
    ClauseText(("Каттоолорду башкаруу", "Управление записями"), (
        ("Процедуранын жүрүшүндө түзүлгөн каттоолор [[" + RECORDS + "]] ылайык сакталат.",
         "Записи, созданные в ходе процедуры, хранятся согласно [[" + RECORDS + "]]."),
    ), (
        ("Каттоолорду сактоо мөөнөтү – {years} жыл.", "Срок хранения записей – {years} лет."),
        ("Мөөнөтү өткөн каттоолор актынын негизинде архивге өткөрүлөт.",
         "Записи с истёкшим сроком хранения передаются в архив на основании акта."),
        ("Каттоолордун электрондук көчүрмөлөрү университеттин маалымат системасында сакталат.",
         "Электронные копии записей хранятся в информационной системе университета."),
    ), 2),
    ClauseText(("Мониторинг жана ченөө", "Мониторинг и измерение"), (), (
        ("Процедуранын натыйжалуулугу жылына бир жолу бааланат ([[" + PROCESS_MONITORING + "]]).",
         "Результативность процедуры оценивается один раз в год ([[" + PROCESS_MONITORING + "]])."),
        ("Көрсөткүч катары белгиленген мөөнөттө аткарылган иштердин үлүшү колдонулат, максаттуу деңгээл – {target} пайыз.",
         "Показатель – доля работ, выполненных в установленный срок, целевой уровень – {target} процентов."),
        ("Мониторингдин жыйынтыктары жетекчилик тарабынан анализ үчүн маалымат болуп саналат ([[" + REVIEW_INPUT + "]]).",
         "Результаты мониторинга служат входными данными для анализа со стороны руководства ([[" + REVIEW_INPUT + "]])."),
        ("Ички аудиттин жүрүшүндө процедуранын аткарылышы текшерилет ([[" + AUDIT + "]]).",
         "В ходе внутреннего аудита проверяется выполнение процедуры ([[" + AUDIT + "]])."),
    ), 2),
    ClauseText(("Өзгөртүүлөрдү киргизүү", "Внесение изменений"), (), (
        ("Процедурага өзгөртүүлөрдү процедуранын ээси сунуштайт.",
         "Изменения в процедуру предлагает её владелец."),
        ("Өзгөртүүлөр ЖАМУнун Окумуштуулар кеңеши бекиткенден кийин күчүнө кирет.",
         "Изменения вступают в силу после утверждения Учёным советом ЖАГУ."),
        ("Процедуранын жаңы редакциясы менен бардык кызыкдар тараптар таанышат.",
         "С новой редакцией процедуры знакомятся все заинтересованные стороны."),
        ("Документтин мурунку редакциясы күчүн жоготкон деп белгиленет.",
         "Предыдущая редакция документа отмечается как утратившая силу."),
    ), 2),
)
STEPS_CLAUSE = next(n for n, clause in enumerate(CLAUSES, start=1) if clause.heading == PROCEDURE_STEPS)
STEPS = (
    ("аткаруучу керектүү маалыматтарды чогултат жана текшерет", "исполнитель собирает и проверяет необходимые данные"),
    ("жооптуу адам иш планын түзөт жана аны бөлүм башчысы менен макулдашат",
     "ответственное лицо составляет план работ и согласует его с руководителем подразделения"),
    ("план {days} жумуш күнүнүн ичинде бекитилет", "план утверждается в течение {days} рабочих дней"),
    ("пландалган иш-чаралар белгиленген мөөнөттө аткарылат", "запланированные мероприятия выполняются в установленные сроки"),
    ("аткарылган иштердин жыйынтыгы протокол менен таризделет", "результаты выполненных работ оформляются протоколом"),
    ("табылган дал келбөөчүлүктөр боюнча түзөтүүчү иш-аракеттер кабыл алынат",
     "по выявленным несоответствиям принимаются корректирующие действия"),
    ("жыйынтыктар Окумуштуулар кеңешинин отурумунда угулат", "итоги заслушиваются на заседании Учёного совета"),
    ("студенттерге жана окутуучуларга натыйжалар маалымдалат", "студенты и преподаватели информируются о результатах"),
    ("документтердин электрондук көчүрмөлөрү маалымат системасына жүктөлөт",
     "электронные копии документов загружаются в информационную систему"),
    ("керектөөчүлөрдүн пикирлери чогултулат жана талданат", "собираются и анализируются отзывы потребителей"),
)
STEP_COUNT = 5
RELATED_WORK = ("Байланыштуу иштер [[{previous}]] боюнча аткарылат.",
                "Связанные работы выполняются согласно [[{previous}]].")
REVIEWED_WITH = ("Процедура [[{related}]] менен бирге кайра каралат.",
                 "Процедура пересматривается совместно с [[{related}]].")
CHANGE_SUMMARIES = (
    ("Иштин тартиби тактыланды.", "Уточнён порядок выполнения работ."),
    ("Жоопкерчиликтер жаңыланды.", "Обновлено распределение ответственности."),
    ("Каттоолорду сактоо мөөнөттөрү өзгөртүлдү.", "Изменены сроки хранения записей."),
)
FIRST_EDITION = "Биринчи редакция бекитилди."


def add_procedures(root: Path, per_language: int, folder: str = "", by_unit: bool = False,
                   per_section: int = 0, seed: int = 13) -> list[str]:
    """Add ``per_language`` procedure pages to each edition of the repository copy at ``root``
    and to its nav; return their nav entries (``pr-0001.md``, ``<folder>/pr-0001.md``, with
    ``by_unit`` ``<folder>/<unit>/pr-0001.md``: a section per unit, as a grown QMS files them;
    with ``per_section`` ``<folder>/0001-0100/pr-0001.md``: sections of that many pages in order,
    as a program could cut a long nav without knowing the units)."""
    if not 0 <= per_language <= MOST_PROCEDURES:
        raise ValueError(f"between 0 and {MOST_PROCEDURES} procedures fit the document codes")
    manual_clauses = _manual_clauses(root / "manual" / "ky")
    roles = yaml.safe_load((root / "processes" / "roles.yml").read_text(encoding="utf-8"))["roles"]
    names = [posixpath.join(folder, _section(k, by_unit, per_section), f"pr-{k:04d}.md")
             for k in range(1, per_language + 1)]
    records = []
    for k, name in enumerate(names, start=1):
        rng = random.Random(seed * 100_003 + k)  # page k is the same at every size but for whom it cites
        ky, ru = procedure_page(k, per_language, rng, manual_clauses, roles)
        for language, text in (("ky", ky), ("ru", ru)):
            path = root / "manual" / language / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        records.append(_record(k, ky, ru))
    if names:
        _add_to_nav(root / "mkdocs.yml", root / "manual" / "ky", names)
        with open(root / "processes" / "records.yml", "a", encoding="utf-8") as register:
            register.writelines(record for record in records if record)
    return names


def _record(k: int, ky: str, ru: str) -> str:
    """The entry of ``processes/records.yml`` (the last key of the file: its list goes on) naming
    the clauses of procedure ``k`` that keep records per [[4.2.4]], or "" when none does."""
    scan = scan_page(f"pr-{k:04d}.md", split_front_matter(ky).body)
    clauses = sorted({clause.id for ref in scan.references if ref.target == RECORDS
                      for clause in scan.clauses if clause.line <= ref.line <= clause.end_line})
    if not clauses:
        return ""
    titles = [split_front_matter(text).body.split("\n", 1)[0].removeprefix("# ") for text in (ky, ru)]
    quoted = [json.dumps(text, ensure_ascii=False) for text in (f"{titles[0]}: каттоолор", f"{titles[1]}: записи")]
    return (f"  - id: procedure-{k:04d}\n    name:\n      ky: {quoted[0]}\n      ru: {quoted[1]}\n"
            f"    clauses: {json.dumps([*clauses, RECORDS])}\n    process: documentation-management\n")


def _section(k: int, by_unit: bool, per_section: int) -> str:
    """The folder of procedure ``k`` inside the procedures' folder ("" for none)."""
    if by_unit:
        return UNITS[unit_of(k)][0]
    if per_section:
        first = (k - 1) // per_section * per_section + 1
        return f"{first:04d}-{first + per_section - 1:04d}"
    return ""


def unit_of(k: int) -> int:
    """The index in UNITS of procedure ``k``'s unit: runs of one unit, the units in turn."""
    return (k // len(SUBJECTS)) % len(UNITS)


def procedure_clause(k: int) -> int:
    """The clause number of procedure ``k``: its page's heading and the top of its clauses."""
    return FIRST_CLAUSE - 1 + k


def procedure_page(k: int, count: int, rng: random.Random, manual_clauses: list[str],
                   roles: list[dict]) -> tuple[str, str]:
    """Procedure ``k`` of ``count`` as its Kyrgyz page and that page's Russian translation.

    Its clause 5 refers to the previous procedure's steps (so every procedure has a backlink),
    clause 8 to a random other procedure, clauses 3, 6 and 7 into the manual."""
    number = procedure_clause(k)
    subject_ky, subject_ru = SUBJECTS[k % len(SUBJECTS)]
    _, unit_ky, unit_ru = UNITS[unit_of(k)]
    title_ky, title_ru = f"{subject_ky} ({unit_ky})", f"{subject_ru} ({unit_ru})"
    owner, helper = rng.sample(roles, 2)
    approved = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    slots = {
        "title_ky": title_ky, "title_ru": title_ru, "unit_ky": unit_ky, "unit_ru": unit_ru,
        "owner_ky": owner["ky"], "owner_ru": owner["ru"],
        "helper_ky": _capitalised(helper["ky"]), "helper_ru": _capitalised(helper["ru"]),
        "manual": rng.choice(manual_clauses), "year": approved.year, "next_year": approved.year + 1,
        "days": rng.choice((3, 5, 10)), "years": rng.choice((5, 10, 15, 25)),
        "target": rng.choice((80, 85, 90, 95)),
    }
    others = count > 1  # references across procedures need another procedure
    if others:
        related = rng.randrange(1, count)  # any procedure but this one
        slots["previous"] = f"{procedure_clause(k - 1 if k > 1 else count)}.{STEPS_CLAUSE}"
        slots["related"] = f"{procedure_clause(related + (related >= k))}.{rng.randint(1, len(CLAUSES))}"
    appendix = "appendix-1" in manual_clauses
    steps = sorted(rng.sample(range(len(STEPS)), STEP_COUNT))
    bodies = ([f"# {number}. {title_ky}", ""], [f"# {number}. {title_ru}", ""])
    for index, clause in enumerate(CLAUSES, start=1):
        optional = [s for s in clause.optional if appendix or "[[тиркеме" not in s[0]]
        sentences = list(clause.always) + rng.sample(optional, clause.picks)
        if index == len(CLAUSES) and others:
            sentences.append(REVIEWED_WITH)
        for language, body in enumerate(bodies):
            body += [f"## {number}.{index} {clause.heading[language]}", ""]
            body += [sentence[language].format(**slots) for sentence in sentences]
            if clause.heading == PROCEDURE_STEPS:
                body += [""] + [f"{n}. {STEPS[step][language].format(**slots)};"
                                for n, step in enumerate(steps, start=1)]
                body[-1] = body[-1][:-1] + "."
                if others:
                    body += ["", RELATED_WORK[language].format(**slots)]
            body.append("")
    ky_body, ru_body = ("\n".join(body) for body in bodies)
    revision = rng.choice((1, 1, 2, 3))
    ky_meta = {
        "document_code": f"ЖАМУ-СМС-{number}", "title": f"{number}. {title_ky}", "revision": revision,
        "status": "approved", "owner_role": owner["id"],
        "approved_by": APPROVING_BODY if any(r["id"] == APPROVING_BODY for r in roles) else roles[0]["id"],
        "approval_date": approved.isoformat(), "protocol": str(rng.randint(1, 12)),
        "effective_date": (approved + dt.timedelta(days=rng.randint(0, 14))).isoformat(),
        "next_review_date": (approved + dt.timedelta(days=365 * rng.choice((1, 2, 3)))).isoformat(),
        "change_summary": FIRST_EDITION if revision == 1 else rng.choice(CHANGE_SUMMARIES)[0],
        "approved_fingerprint": fingerprint(ky_body),
        "history": [{"revision": earlier,
                     "date": (approved - dt.timedelta(days=300 * (revision - earlier))).isoformat(),
                     "protocol": str(rng.randint(1, 12)),
                     "summary": FIRST_EDITION if earlier == 1 else CHANGE_SUMMARIES[earlier % 3][0]}
                    for earlier in range(1, revision)],
    }
    ru_meta = {"title": f"{number}. {title_ru}",
               "translation_of": {"revision": revision, "fingerprint": fingerprint(ky_body)}}
    return set_front_matter(ky_body, ky_meta), set_front_matter(ru_body, ru_meta)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _manual_clauses(kyrgyz: Path) -> list[str]:
    """The clauses of the manual's Kyrgyz pages that a procedure may refer to (titled
    sub-clauses and appendices), read from the manual so that they stay right when it changes."""
    clauses = []
    for page in sorted(kyrgyz.glob("*.md")):
        document = split_front_matter(page.read_text(encoding="utf-8"))
        clauses += [c.id for c in scan_page(page.name, document.body, document.body_line).clauses
                    if ("." in c.id and c.title != c.id) or c.id.startswith("appendix-")]
    return clauses


def _add_to_nav(mkdocs_yml: Path, kyrgyz: Path, names: list[str]) -> None:
    """List the procedures in the nav after the manual's last controlled page (before the
    generated pages and the editors' guide, which carry no document code)."""
    config = mkdocs_yml.read_text(encoding="utf-8")
    entries = [m for m in re.finditer(r"(?m)^(\s*)- (\S+\.md)\n", config) if _controlled(kyrgyz / m.group(2))]
    if not entries:
        raise ValueError(f"{mkdocs_yml} lists no page of {kyrgyz} in its nav")
    last = entries[-1]
    added = "".join(f"{last.group(1)}- {name}\n" for name in names)
    mkdocs_yml.write_text(config[:last.end()] + added + config[last.end():], encoding="utf-8")


def _controlled(page: Path) -> bool:
    return page.is_file() and "document_code" in (split_front_matter(page.read_text(encoding="utf-8")).front_matter or "")
