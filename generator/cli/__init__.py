"""The ``publish`` command: check the catalogue, scaffold an entry, build and
preview the site. One module per group of commands; this one starts them
(signals, the languages) and runs each so that no traceback reaches a user."""

from __future__ import annotations

import os
import signal
import sys


def _stopped_while_starting(signum: int, frame: object) -> None:
    # Before a command runs nothing has been changed: one line, no traceback.
    sys.stderr.write("Interrupted: publish was stopped.\n")
    sys.stderr.flush()
    os._exit(128 + signum)


# Run as a program (publish, python -m generator.cli), Ctrl-C or SIGTERM
# during the imports below must not print a traceback; each command then
# handles them itself (generator.interrupts.interruptible). Imported by another
# program, this module leaves its signals alone.
# (python -m generator.cli imports this package while sys.argv[0] is still "-m".)
_AS_PROGRAM = sys.argv[0] == "-m" or os.path.basename(sys.argv[0]).removesuffix(".exe") == "publish"
if _AS_PROGRAM and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    for _signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_signum, _stopped_while_starting)

# The modules below read the site's languages as they load: a mistake in
# generator/languages.yml is said here, located, before it can become a
# traceback of the imports.
if _AS_PROGRAM:
    from generator.languages import LanguagesError, site_languages

    try:
        site_languages()
    except LanguagesError as _error:
        sys.stderr.write(f"Error: {_error}\n")
        sys.exit(1)

import click  # noqa: E402

from generator.interrupts import Interrupted, interruptible  # noqa: E402
from generator.terminal import echo, printable, printable_message  # noqa: E402


class _Publish(click.Group):
    """Runs each command so that what it shows is printable (error messages
    included: they quote entries), and so that Ctrl-C or SIGTERM ends it with
    one line and the shell's status (130, 143) instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            with interruptible():
                return super().invoke(ctx)
        except click.ClickException as error:
            error.message = printable_message(error.message)
            raise
        except Interrupted as interrupt:
            command = " ".join(filter(None, ["publish", ctx.invoked_subcommand]))
            echo(f"Interrupted: {interrupt.message or f'{command} was stopped.'}", err=True)
            ctx.exit(interrupt.exit_code)
        except (click.exceptions.Exit, click.Abort):
            raise  # --help, --version, ctx.exit(): how click ends a command
        except BrokenPipeError:
            # The reader went away (publish check | head): nothing more to say.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the interpreter's last flush must not fail)
            ctx.exit(141)  # 128 + SIGPIPE, as the shell reports it
        except Exception as error:
            # A bug of ours, not the user's input (that is a ClickException):
            # one line that says so; PUBLISH_DEBUG=1 shows where.
            if os.environ.get("PUBLISH_DEBUG"):
                raise
            command = " ".join(filter(None, ["publish", ctx.invoked_subcommand]))
            echo(f"Error: {command} stopped on an unexpected {type(error).__name__} ({printable(error)}). This is a bug "
                 "of publish, not of your entries: please report it, with what PUBLISH_DEBUG=1 prints.", err=True)
            ctx.exit(1)


@click.group(cls=_Publish, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cities-migration-site")
def main() -> None:
    """Build and check the multilingual site of the cities' position paper and
    catalogue of practices.

    \b
    Typical use:
      publish check            # every problem in practices/, located
      publish new              # a new practice file, from a few answers
      publish translations     # what still lacks a language
      publish sources          # are the sources' links still alive?
      publish review           # what is due for peer review, and why
      publish build            # every language into site/, with search
      publish release --version 2026.1   # PDFs + site archive in dist/
      publish edition gcm=16 --lang es   # objective 16's practices as a Spanish PDF
      publish report city=lisbon-pt      # Lisbon's follow-up report (VLR, IMRF)
      publish serve --lang en  # preview the English pages, live reload
    """



def _register() -> None:
    from generator.cli.entries import check, new, translations
    from generator.cli.releases import edition, release
    from generator.cli.reports import report
    from generator.cli.reviews import review
    from generator.cli.site import build, pages, serve
    from generator.cli.watch import sources

    for command in (check, new, translations, sources, review, build, serve, pages, release, edition, report):
        main.add_command(command)


_register()
