"""The forge's workflows: valid YAML, pinned actions, the project's own commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT_DIR

WORKFLOWS = sorted((PROJECT_DIR / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")


def load(path: Path) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); keep it a name.
    return {("on" if key is True else key): value for key, value in yaml.safe_load(path.read_text()).items()}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_the_three_workflows():
    assert [path.name for path in WORKFLOWS] == ["publish.yml", "pull-request.yml", "source-watch.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_version(path):
    workflow = load(path)
    assert {"name", "on", "jobs", "permissions"} <= set(workflow)
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses and [use for use in uses if not PINNED.match(use)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_job_has_a_timeout(path):
    # Without timeout-minutes a hung step (a source that never answers, a
    # browser that never closes) holds the runner for GitHub's default of six
    # hours, and publish.yml's concurrency group with it.
    jobs = load(path)["jobs"]
    timeouts = {name: job.get("timeout-minutes") for name, job in jobs.items()}
    assert jobs and all(isinstance(minutes, int) and 0 < minutes <= 60 for minutes in timeouts.values()), timeouts


def test_the_pull_request_annotates_checks_builds_tests_and_uploads_a_preview():
    workflow = load(PROJECT_DIR / ".github" / "workflows" / "pull-request.yml")
    runs = " ".join(step.get("run", "") for step in steps(workflow))
    assert "publish check --format github" in runs
    assert "./tasks build" in runs and "./tasks test" in runs
    upload = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_a_pull_request_of_entries_only_runs_the_catalogues_tests_and_a_red_one_says_why():
    workflow = load(PROJECT_DIR / ".github" / "workflows" / "pull-request.yml")
    by_name = {step.get("name", ""): step for step in steps(workflow)}
    scope = by_name["What the pull request changes"]
    # The contributor's file names never reach a command line as code.
    assert "${{ github.event" not in scope["run"] and "entries_only=" in scope["run"]
    catalogue = next(step for step in steps(workflow) if "./tasks test -m catalogue" in step.get("run", ""))
    whole = next(step for step in steps(workflow) if "./tasks test -rf" in step.get("run", ""))
    assert catalogue["if"] == "steps.scope.outputs.entries_only == 'true'"
    assert whole["if"] == "steps.scope.outputs.entries_only != 'true'"
    # The entries are checked even when the build failed on them.
    assert by_name["Check the changed entries (messages appear on their lines)"]["if"] == "${{ !cancelled() }}"
    explain = by_name["Say in plain words what is red"]
    assert explain["if"] == "failure()" and "GITHUB_STEP_SUMMARY" in explain["run"]
    assert "Pourquoi ce contrôle est rouge" in explain["run"] and "Por qué este control está en rojo" in explain["run"]


def test_main_is_published_to_pages_with_its_address_and_edit_links():
    workflow = load(PROJECT_DIR / ".github" / "workflows" / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build = next(step for step in workflow["jobs"]["build"]["steps"] if "./tasks release" in step.get("run", ""))
    assert set(build["env"]) == {"SITE_URL", "EDIT_URL"} and "{path}" in build["env"]["EDIT_URL"]
    assert "tar -xzf" in build["run"] and "-C site" in build["run"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps(workflow))


def test_a_tag_makes_the_release_and_attaches_its_files():
    workflow = load(PROJECT_DIR / ".github" / "workflows" / "publish.yml")
    assert workflow["on"]["push"]["tags"] == ["v*"]
    release = workflow["jobs"]["release"]
    assert release["if"] == "github.ref_type == 'tag'" and release["permissions"] == {"contents": "write"}
    runs = " ".join(step.get("run", "") for step in release["steps"])
    assert './tasks release --version "${GITHUB_REF_NAME#v}"' in runs
    assert "gh release create" in runs and "RELEASE-NOTES.md" in runs


def test_the_source_watch_runs_weekly_and_keeps_one_issue():
    workflow = load(PROJECT_DIR / ".github" / "workflows" / "source-watch.yml")
    assert workflow["on"]["schedule"][0]["cron"].split()[-1] == "1"
    runs = " ".join(step.get("run", "") for step in steps(workflow))
    assert "publish sources --format markdown" in runs
    assert "gh issue edit" in runs and "gh issue create" in runs and "--label source-watch" in runs


def test_the_source_watch_ends_by_its_deadline_well_before_the_job_is_cut_off():
    """A job cut off at its timeout posts no report: the watch's own deadline
    comes first, with minutes to spare for the set-up and the issues."""
    from generator.cli.watch import sources

    workflow = load(PROJECT_DIR / ".github" / "workflows" / "source-watch.yml")
    deadline = next(param.default for param in sources.params if param.name == "deadline")
    assert deadline + 5 * 60 <= workflow["jobs"]["watch"]["timeout-minutes"] * 60


def test_the_weekly_watch_keeps_one_issue_of_reviews_due_with_the_sources_it_found():
    workflow = load(PROJECT_DIR / ".github" / "workflows" / "source-watch.yml")
    runs = [step.get("run", "") for step in steps(workflow)]
    saved = next(index for index, run in enumerate(runs) if "--save sources.json" in run)
    listed = next(index for index, run in enumerate(runs) if "publish review --sources-report sources.json --format markdown" in run)
    assert saved < listed
    assert "--label review-due" in " ".join(runs[listed:]) and "gh issue close" in " ".join(runs[listed:])


def test_the_commands_the_workflows_run_exist():
    from click.testing import CliRunner

    from generator.cli import main

    for workflow in WORKFLOWS:
        for command in re.findall(r"publish (\w+)", workflow.read_text()):
            assert CliRunner().invoke(main, [command, "--help"]).exit_code == 0, command
