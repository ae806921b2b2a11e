"""Headline style (CMOS 17 8.159-8.161) and short titles (CMOS 17 14.29-14.31)."""

from __future__ import annotations

import pytest

from haliref.normalize.titles import headline_case, sentence_starts, short_title


@pytest.mark.parametrize("given, expected", [
    # 8.159 rules 2-5: articles, prepositions of any length, and/but/for/or/nor, to, as stay lower case
    ("the state and revolution without illusions", "The State and Revolution without Illusions"),
    ("Internationalism towards a new order", "Internationalism towards a New Order"),
    # 8.159 rule 1: first and last words of title and subtitle capitalised
    ("what it comes to: a view from below", "What It Comes To: A View from Below"),
    # 8.159 rule 6: a lower-case particle of a name stays lower case
    ("Ludwig van Beethoven and the rise of the USSR", "Ludwig van Beethoven and the Rise of the USSR"),
    # 8.161: later elements of a compound capitalised, except minor words and after a prefix
    ("Self-determination and the Anglo-american world", "Self-Determination and the Anglo-American World"),
    ("Under-the-counter trade", "Under-the-Counter Trade"),
    ("anti-intellectual pursuits", "Anti-intellectual Pursuits"),
    ("A twenty-one-year war", "A Twenty-One-Year War"),
    # 8.161 rule 1: the first element always capitalised, also where the input capitalised a later one
    ("Anti-slavery and a mid-Victorian reform culture", "Anti-slavery and a Mid-Victorian Reform Culture"),
    ("An in-Depth study", "An In-Depth Study"),
    # a word after an opening quotation mark is a word like any other
    ("The ‘permanent revolution’ revisited", "The ‘Permanent Revolution’ Revisited"),
])
def test_headline_style_cmos_8_159_8_161(given, expected):
    assert headline_case(given) == expected


def test_headline_style_never_lowers_what_the_input_capitalised():
    # a capitalised preposition, an acronym, a mixed-case name are the input's choice
    assert headline_case("Looking Up at the iPhone in the GDR") == "Looking Up at the iPhone in the GDR"
    # an italic title inside the title keeps its own case (CMOS 8.171)
    assert headline_case("reading <i>das Kapital</i> today") == "Reading <i>das Kapital</i> Today"


@pytest.mark.parametrize("title, language, expected", [
    # 14.30: initial article dropped; key words; four words at most
    ("The Culture of Wilderness: Agriculture as Colonization in the American West", None, "Culture of Wilderness"),
    ("The Russian Revolution, 1899–1919", None, "Russian Revolution"),
    ("The Protestant Ethic and the Spirit of Capitalism", None, "Protestant Ethic"),
    ("A True and Sincere Declaration of the Purpose", None, "True and Sincere Declaration"),
    # never ending mid-phrase: on a preposition, a clause opener, a possessive, an abbreviation's period lost
    ("History of the Russian Revolution", None, "History of the Russian Revolution"),
    ("Ten Days That Shook the World", None, "Ten Days"),
    ("China and the People’s Democratic Republic of Yemen: A Report", None, "China"),
    ("Iranian Students Seize U.S. Embassy", None, "Iranian Students Seize U.S. Embassy"),
    ("To Make the World Safe for Revolution", None, "To Make the World Safe"),
    ("After Khomeini, The Iranian Second Republic", None, "After Khomeini"),
    ("The World Turned Upside Down: Radical Ideas", None, "World Turned Upside Down"),
    # other languages: their own function words end the phrase, the article is kept
    ("Chinas Revolutionsstrategie mit der dritten welt gegen Russland und Amerika", "de",
     "Chinas Revolutionsstrategie"),
    ("La pensée révolutionnaire en France", "fr", "La pensée révolutionnaire"),
    ("Pacifisme et Internationalisme XVIIe–XXe siècles", "fr", "Pacifisme et Internationalisme"),
    # nor on the first half of a suspended compound ("Sozial- und Gesellschaftsgeschichte")
    ("Theorien in der Sozial- und Gesellschaftsgeschichte: Vorschläge", "de", "Theorien"),
    ("Nineteenth- and Twentieth-Century Workers in the Ruhr", None, "Nineteenth- and Twentieth-Century Workers"),
])
def test_short_title_cmos_14_30(title, language, expected):
    assert short_title(title, language) == expected


@pytest.mark.parametrize("given, expected", [
    # CMOS 17 8.158, 11.27: sentence style, first word of title and subtitle capitalised, raising only
    ("Settecento riformatore: da Muratori a Beccaria", "Settecento riformatore: Da Muratori a Beccaria"),
    ("la force de l’âge", "La force de l’âge"),
    ("l’Être et le néant", "L’Être et le néant"),
    ("« la guerre »: essai", "« La guerre »: Essai"),
    # a capital inside the word, an elided Dutch article, markup: as printed
    ("iPhone: een geschiedenis", "iPhone: Een geschiedenis"),
    ("'s-Hertogenbosch in de middeleeuwen", "'s-Hertogenbosch in de middeleeuwen"),
    ("<i>das Kapital</i> heute", "<i>das Kapital</i> heute"),
])
def test_sentence_style_starts_cmos_8_158(given, expected):
    assert sentence_starts(given) == expected
