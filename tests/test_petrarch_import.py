"""PETRARCH/TABARI dictionaries → tidings knowledge, checked entry by entry."""
import datetime as dt
import re

import pytest

from tidings.knowledge import Knowledge
from tidings.knowledge.petrarch import convert, parse_code, read_actors, read_agents

D = dt.date


@pytest.fixture(scope="module")
def dictionaries(shared_data):
    return shared_data / "petrarch" / "dictionaries"


def test_code_blocks():
    assert parse_code("RUSGOV >080508") == ("RUSGOV", D(2008, 5, 8), None)
    assert parse_code("HOB < 950601") == ("HOB", None, D(1995, 6, 1))
    assert parse_code("HOBGOV 19950601 - 19990815") == ("HOBGOV", D(1995, 6, 1), D(1999, 8, 15))
    assert parse_code("PERGOV 850728-900728") == ("PERGOV", D(1985, 7, 28), D(1990, 7, 28))
    assert parse_code("USA") == ("USA", None, None)


def test_validate_actors_entry_by_entry(dictionaries):
    path = dictionaries / "PETR.Validate.actors.txt"
    entries, counts = read_actors(path)
    by_name = {e.name: e for e in entries}
    # every entry line of the file (a name at the start of a line, outside comments) is read
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    heads = [ln.split("#")[0].strip() for ln in text.splitlines()
             if ln[:1].isalnum() and ln.split("#")[0].strip()]
    assert counts.names == len(heads) == len(entries)
    gollum = by_name["Gollum"]
    assert gollum.synonyms == ["Smeagol", "Slinker", "Stinker"]
    assert gollum.codes == [("HOB", None, D(1995, 6, 1)),
                            ("HOBGOV", D(1995, 6, 1), D(1999, 8, 15)),
                            ("HOBREB", D(1999, 8, 16), None)]
    assert by_name["Denmark"].synonyms == ["Danish", "Zealand"]
    assert by_name["Denmark"].codes == [("DNK", None, None)]
    assert by_name["Ent"].codes == [("ENT", None, None)]  # code on the line below the name
    assert by_name["U.S.S.R"].synonyms == ["Ussr"]
    assert by_name["U.S.S.R"].codes == [("USR", None, D(1991, 12, 26))]
    assert by_name["Boromir"].codes == []  # [---]: do not code
    assert by_name["Palestinian"].codes == [("PSE", None, None)]


def test_validate_agents_entry_by_entry(dictionaries):
    agents, counts = read_agents(dictionaries / "PETR.Validate.agents.txt")
    forms = {f: a.code for a in agents for f in a.forms}
    assert forms["attorney general"] == forms["attorneys general"] == "~GOV"
    assert forms["minister of silly walks"] == forms["ministries of silly walks"] == "~GOV"
    assert forms["congressman"] == forms["congresswomen"] == "~LEG"
    assert forms["human rights body"] == "NGO~"
    assert forms["police"] == " ~COP" or forms["police"].strip() == "~COP"
    assert counts.agents == len(agents)


def test_import_resolves_dated_roles(dictionaries, tmp_path):
    counts, written = convert([dictionaries / "PETR.Validate.actors.txt",
                               dictionaries / "PETR.Validate.agents.txt"], tmp_path)
    assert len(written) == 2 and counts.names > 0 and counts.agents > 0
    kb = Knowledge.load([tmp_path], user=False)
    gollum = kb.person("Smeagol")
    assert gollum is not None and gollum.name == "Gollum"
    assert gollum.role_on(D(1997, 1, 1)).code == "HOBGOV"
    assert gollum.role_on(D(2001, 1, 1)).code == "HOBREB"
    assert gollum.role_on(D(1990, 1, 1)).code == "HOB"
    assert kb.title("foreign minister").sector == "GOV"


def test_phoenix_import_counts_and_putin_in_2009(dictionaries, tmp_path):
    counts, _ = convert([dictionaries / "Phoenix.Countries.actors.txt",
                         dictionaries / "Phoenix.agents.txt"], tmp_path)
    assert counts.names > 10_000 and counts.synonyms > 5_000 and counts.dated_roles > 10_000
    assert counts.agents > 1_000
    kb = Knowledge.load([tmp_path], user=False)
    role = kb.person("VLADIMIR_PUTIN".replace("_", " ")).role_on(D(2009, 6, 1))
    assert (role.country, role.sector) == ("RUS", "GOV")
