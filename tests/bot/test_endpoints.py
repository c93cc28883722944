"""bot/endpoints.yml as Rasa reads it: the action server's port and the tracker store's place
come from the environment that bot/serve.py sets."""

from __future__ import annotations

import warnings

from bot.config import ROOT


def test_rasa_expands_the_action_port_and_the_var_dir(monkeypatch, tmp_path):
    from rasa.shared.utils.io import read_yaml

    monkeypatch.setenv("ACTIONS_PORT", "15055")
    monkeypatch.setenv("ADVISOR_VAR_DIR", str(tmp_path))
    endpoints = read_yaml((ROOT / "bot" / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:15055/webhook"
    assert endpoints["tracker_store"]["db"] == f"{tmp_path}/tracker.db"


def test_the_tracker_store_is_the_projects_sqlite_store(monkeypatch, tmp_path):
    from rasa.shared.utils.io import read_yaml

    monkeypatch.setenv("ACTIONS_PORT", "15055")
    monkeypatch.setenv("ADVISOR_VAR_DIR", str(tmp_path))
    with warnings.catch_warnings():  # Rasa's SQL store module warns about SQLAlchemy 2.0
        warnings.simplefilter("ignore")
        from bot.tracker_store import SQLiteTrackerStore

    endpoints = read_yaml((ROOT / "bot" / "endpoints.yml").read_text())
    module, name = endpoints["tracker_store"]["type"].rsplit(".", 1)
    # Rasa falls back to an in-memory store, with only a warning, if this path does not import.
    assert getattr(__import__(module, fromlist=[name]), name) is SQLiteTrackerStore


def test_the_domain_goes_only_to_the_actions_that_read_it():
    """Both endpoint files send the domain only to the forms' validate_* actions; the other
    actions read the tracker, which holds every slot (actions/slots.py)."""
    import yaml
    from rasa.shared.core.domain import Domain

    for name in ("endpoints.yml", "endpoints-scale.yml"):
        endpoints = yaml.safe_load((ROOT / "bot" / name).read_text())
        assert endpoints["action_endpoint"]["enable_selective_domain"] is True, name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        domain = Domain.load(str(ROOT / "bot" / "domain"))
    for form in domain.form_names:
        assert domain.does_custom_action_explicitly_need_domain(f"validate_{form}"), form
    assert not domain.does_custom_action_explicitly_need_domain("action_validate_slot_mappings")


def test_the_form_lists_every_fact_so_a_new_fact_inside_it_runs_it_again():
    """Rasa rejects the form when no slot of its domain list (or the one asked) was set; the
    list holds every fact and the topic, so a correction of another fact runs the form again."""
    from rasa.shared.core.domain import Domain

    from actions.facts import FACT_SLOTS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        domain = Domain.load(str(ROOT / "bot" / "domain"))
    assert domain.required_slots_for_form("procurement_form") == [*FACT_SLOTS, "topic"]
