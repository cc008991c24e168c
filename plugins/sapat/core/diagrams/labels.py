"""The words the diagrams and generated pages add around the YAML data, in Kyrgyz and Russian.

Everything else on those pages comes from ``processes/*.yml`` and therefore from the manual.
The Kyrgyz labels are the project's own wording and are reviewed like any translation.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "ky": {
        "inputs": "Кирүүлөр",
        "outputs": "Чыгуулар",
        "owner": "Процесстин ээси",
        "resources": "Ресурстар",
        "indicators": "Көрсөткүчтөр",
        "clauses": "Жөнгө салуучу пункттар",
        "suppliers": "Жеткирүүчүлөр",
        "customers": "Керектөөчүлөр",
        "receives_from": "Кабыл алат",
        "hands_over_to": "Өткөрүп берет",
        "neighbours": "Байланышкан процесстер",
        "kind": "Процесстин түрү",
        "kind.management": "башкаруу процесси",
        "kind.core": "негизги процесс",
        "kind.support": "камсыздоочу процесс",
        "kinds.management": "Башкаруу процесстери",
        "kinds.core": "Негизги процесстер",
        "kinds.support": "Камсыздоочу процесстер",
        "not_set": "колдонмодо аныкталган эмес",
        "none": "жок",
        "processes": "Процесстер",
        "processes.intro": "Бир процесстин сыртка чыгуусу кийинкинин кирүүсүн шарттайт.",
        "processes.see_also": "Ошондой эле караңыз:",
        "interaction.caption": "Процесстердин өз ара карым-катнашы",
        "interaction.desc": "{processes} процесс жана алардын ортосундагы {handovers} өткөрүп берүү. "
                            "Ар бир жебе процесстин натыйжасын кийинки процесске өткөрүп берет; "
                            "толук тизме сүрөттүн астындагы таблицада.",
        "handover": "натыйжаны өткөрүп берүү",
        "support_link": "камсыздоо жана көзөмөл",
        "map.caption": "«{name}» процессинин картасы",
        "map.desc": "«{name}» процессинин картасы. Кабыл алат: {sources}. Өткөрүп берет: {targets}. "
                    "Кирүүлөр: {inputs}; чыгуулар: {outputs}.",
        "text_version": "Схеманын тексттик варианты",
        "block": "Блок",
        "clause_numbers": "Пункттар",
        "leads_to": "Байланыштар",
        "from": "Кимден",
        "to": "Кимге",
        "basis": "Негиз",
        "phase": "Фаза",
        "content": "Мазмуну",
        "next": "Кийинки фаза",
        "source": "Булагы",
        "parties": "Кызыкдар тараптар жана алардын талаптары",
        "appendix1.desc": "{blocks} блок жана {arrows} жебе. {arrows_text}",
        "pdca.desc": "PDCA циклынын төрт фазасы: {phases}. Ар бир фаза кийинкисине өтөт, "
                     "акыркысы биринчисине кайтат.",
        "objectives": "Сапат жаатындагы максаттар",
        "objective": "Максат",
        "indicator": "Көрсөткүч",
        "target": "Максаттуу маани",
        "due": "Мөөнөт",
        "responsible": "Жооптуу",
        "measurability": "Ченелүүчүлүгү",
        "measurable": "ченелет",
        "not_measurable": "азырынча ченелбейт",
        "missing": "аныктала элек",
        "field.indicator": "көрсөткүч",
        "field.target": "максаттуу маани",
        "field.due": "мөөнөт",
        "field.owner": "жооптуу",
        "objectives.source": "Максаттар [[2.2]] пунктунан алынды. [[5.4.1]] пунктуна ылайык "
                             "максаттар ченөөгө мүмкүн болгондугун эске алуу менен аныкталат; "
                             "ченөө ыкмасы — SMART ([[5.3]]).",
        "objectives.note": "Колдонмодо көрсөткүчтөр, максаттуу маанилер, мөөнөттөр жана жооптуулар "
                           "белгиленген эмес; алар бекитилгенге чейин бул жерде бош калат.",
    },
    "ru": {
        "inputs": "Входы",
        "outputs": "Выходы",
        "owner": "Владелец процесса",
        "resources": "Ресурсы",
        "indicators": "Показатели",
        "clauses": "Регламентирующие пункты",
        "suppliers": "Поставщики",
        "customers": "Потребители",
        "receives_from": "Получает от",
        "hands_over_to": "Передаёт в",
        "neighbours": "Связанные процессы",
        "kind": "Вид процесса",
        "kind.management": "процесс управления",
        "kind.core": "основной процесс",
        "kind.support": "обеспечивающий процесс",
        "kinds.management": "Процессы управления",
        "kinds.core": "Основные процессы",
        "kinds.support": "Обеспечивающие процессы",
        "not_set": "в руководстве не установлены",
        "none": "нет",
        "processes": "Процессы",
        "processes.intro": "Выход одного процесса обусловливает вход следующего.",
        "processes.see_also": "См. также:",
        "interaction.caption": "Взаимодействие процессов",
        "interaction.desc": "{processes} процессов и {handovers} передач между ними. "
                            "Каждая стрелка передаёт результат процесса следующему процессу; "
                            "полный список — в таблице под схемой.",
        "handover": "передача результата",
        "support_link": "обеспечение и контроль",
        "map.caption": "Карта процесса «{name}»",
        "map.desc": "Карта процесса «{name}». Получает от: {sources}. Передаёт в: {targets}. "
                    "Входы: {inputs}; выходы: {outputs}.",
        "text_version": "Текстовая версия схемы",
        "block": "Блок",
        "clause_numbers": "Пункты",
        "leads_to": "Связи",
        "from": "Откуда",
        "to": "Куда",
        "basis": "Основание",
        "phase": "Фаза",
        "content": "Содержание",
        "next": "Следующая фаза",
        "source": "Источник",
        "parties": "Заинтересованные стороны и их требования",
        "appendix1.desc": "{blocks} блоков и {arrows} стрелок. {arrows_text}",
        "pdca.desc": "Четыре фазы цикла PDCA: {phases}. Каждая фаза переходит в следующую, "
                     "последняя — снова в первую.",
        "objectives": "Цели в области качества",
        "objective": "Цель",
        "indicator": "Показатель",
        "target": "Целевое значение",
        "due": "Срок",
        "responsible": "Ответственный",
        "measurability": "Измеримость",
        "measurable": "измерима",
        "not_measurable": "пока не измерима",
        "missing": "не заданы",
        "field.indicator": "показатель",
        "field.target": "целевое значение",
        "field.due": "срок",
        "field.owner": "ответственный",
        "objectives.source": "Цели приведены по пункту [[2.2]]. Согласно [[5.4.1]] цели определяются "
                             "с учетом возможности их измерения; метод — SMART ([[5.3]]).",
        "objectives.note": "Руководство не устанавливает показатели, целевые значения, сроки и "
                           "ответственных; до их утверждения эти поля остаются пустыми.",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    try:
        text = LABELS[lang][key]
    except KeyError:
        raise KeyError(f"no label {key!r} for language {lang!r}") from None
    return text.format(**values) if values else text
