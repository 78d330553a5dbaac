"""Cleaning: furniture, repeated blocks, Unicode; offsets refer to what it returns."""
from tidings.clean import clean, is_furniture, normalise


def test_sample_keeps_one_copy_and_reports_furniture():
    raw = "\n".join([
        "Ministers met in Brussels on Monday to discuss the budget for next year.",
        "The talks ended without agreement, officials said after the meeting.",
        "More from World",
        "Ministers met in Brussels on Monday to discuss the budget for next year.",
        "The talks ended without agreement, officials said after the meeting.",
        "More follows…",
    ])
    result = clean(raw)
    assert result.text.count("Ministers met in Brussels") == 1
    assert result.report.repeated_blocks_removed == 1
    assert result.report.furniture_removed == ["More from World", "More follows…"]
    assert result.report.chars_in == len(raw)
    assert result.report.chars_out == len(result.text)


def test_furniture_lines_are_recognised_and_reporting_is_not():
    furniture = ["Read more", "Share this", "Share on Facebook", "Subscribe to our newsletter",
                 "We use cookies to improve your experience.", "Accept all cookies", "5 hours ago",
                 "10:42 GMT", "Updated 23 October 2018", "By John Smith, BBC News", "Advertisement",
                 "Related stories", "Image caption: Protesters in the capital"]
    reporting = ["By Tuesday, the ceasefire had collapsed.", "The group published a newsletter.",
                 "Copyright infringement lawsuits rose sharply.", "Share prices fell 3% in Tokyo.",
                 "Read the full statement, the minister told reporters on Friday.",
                 "More than 40 people were killed in the attack."]
    for line in furniture:
        assert is_furniture(line), line
    for line in reporting:
        assert not is_furniture(line), line


def test_short_repeated_lines_survive_outside_a_repeated_run():
    raw = "He said.\n\nThe minister spoke at length about the plan.\n\nHe said."
    assert clean(raw).text.count("He said.") == 2
    assert clean(raw).report.repeated_blocks_removed == 0


def test_unicode_quotes_and_dashes_are_normalised():
    text = normalise("\u201cWe will win,\u201d he said \u2014 and she\u2019s sure.\u00a0Done\u200b.")
    assert text == "\"We will win,\" he said \u2013 and she's sure. Done."


def test_nfc_composes_accents():
    assert normalise("Erdog\u0306an") == "Erdoğan"


def test_hard_wrapped_paragraphs_are_joined_and_lines_of_wire_copy_kept():
    wrapped = ("The foreign ministry said on Tuesday it would\n"
               "impose new sanctions on officials involved in the conflict, a senior\n"
               "official told reporters in the capital.\n\nTalks resume on Friday.")
    text = clean(wrapped).text
    assert "it would impose new sanctions" in text and "a senior official told" in text
    assert text.endswith("\n\nTalks resume on Friday.")
    wire = "Ministers met in Brussels on Monday.\nThe talks ended without agreement."
    assert clean(wire).text == "Ministers met in Brussels on Monday.\n\nThe talks ended without agreement."
