import pytest

import prompts


@pytest.mark.parametrize("name", ["system", "answer", "condense"])
def test_prompt_files_declare_what_they_use(name):
    declared, _ = prompts.load(name)
    assert declared
    text = prompts.render(name, **{v: f"<{v}>" for v in declared})
    assert all(f"<{v}>" in text for v in declared) and "$" not in text


def test_missing_or_undeclared_variables_raise():
    with pytest.raises(prompts.PromptError, match="missing"):
        prompts.render("answer", question="q", language="Arabic")
    with pytest.raises(prompts.PromptError, match="undeclared"):
        prompts.render("condense", history="h", question="q", extra="x")
    with pytest.raises(prompts.PromptError, match="no prompt"):
        prompts.render("nope")


def test_a_prompt_that_uses_an_undeclared_variable_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "bad.txt").write_text("# variables: a\n$a and $b\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "DIR", tmp_path)
    prompts.load.cache_clear()
    try:
        with pytest.raises(prompts.PromptError, match="declared"):
            prompts.load("bad")
    finally:
        prompts.load.cache_clear()
