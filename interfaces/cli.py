"""The ``ficledger`` command line: serve the API, load the demo district, and the operators' commands.

Exit statuses: 0 done; 1 the log is not as it was recorded (altered, cut short or corrupt, its tail cut under the
views); 2 the command could not run (a setting or an argument that cannot be used, a store that does not exist,
cannot be reached, or does not open with the cipher key given).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from interfaces.progress import progress

if TYPE_CHECKING:
    from datetime import datetime

    from application.register import Register
    from application.settings import Settings
    from interfaces.api.auth import ApiKeys

cli = typer.Typer(help="ficledger: the event-sourced register of a district FIC.", no_args_is_help=True)

EXAMPLE_KEYS = "registrar:li-wei:s3cret-token,auditor:audit-office:t0ken-123"
INVALID_KEYS = "FICLEDGER_API_KEYS 无效 (FICLEDGER_API_KEYS is not valid)：{}"


def fail(message: str, status: int = 2) -> NoReturn:
    """Print ``message`` as one line on standard error and exit with ``status``."""
    typer.echo(message, err=True)
    raise typer.Exit(status)


def read_settings() -> Settings:
    """This command's settings, read from the environment once; one line and exit status 2 for a value that cannot
    be used."""
    from application.settings import SettingsError, get_settings

    get_settings.cache_clear()
    try:
        return get_settings()
    except SettingsError as error:
        fail(str(error))


@contextmanager
def store_errors(settings: Settings) -> Iterator[None]:
    """One line and exit status 2 when the store cannot be used, 1 when it is damaged; never a traceback."""
    from application.errors import DatabaseFunctionsRefused, StoreConfigError
    from application.store.checks import StoreDamaged, StoreUnavailable, failures

    try:
        with failures(settings.shown_database_url):
            yield
    except DatabaseFunctionsRefused as error:
        fail(str(error))
    except StoreConfigError as error:
        fail(f"数据库地址无法使用 (FICLEDGER_DATABASE_URL)：{error}")
    except StoreUnavailable as error:
        fail(str(error))
    except StoreDamaged as error:
        fail(str(error), 1)


def connect(settings: Settings, *, create: bool, thorough: bool = False) -> Register:
    """The register on the configured store once ``application.store.checks`` passes it. Without ``create``, a
    store that does not exist is an error and nothing is created, not even a table."""
    from application.register import Register
    from application.store.checks import failures, prepare, probe

    url = settings.database_url
    prepare(url, create=create, thorough=thorough)
    env = {"FICLEDGER_DATABASE_URL": url}
    if not create:
        env["CREATE_TABLE"] = "n"
    with failures(settings.shown_database_url):
        register = Register(env)
    try:
        probe(register)
    except BaseException:
        register.close()
        raise
    return register


def open_register(settings: Settings, *, create: bool = False, thorough: bool = False) -> Register:
    """``connect``, with one line and exit status 2 (1 for a damaged store) when it fails."""
    with store_errors(settings):
        register = connect(settings, create=create, thorough=thorough)
    return register


def required_keys(settings: Settings) -> ApiKeys:
    """The keys of FICLEDGER_API_KEYS; one line and exit status 2 when they are not set or not valid."""
    from interfaces.api.auth import ApiKeys

    try:
        keys = ApiKeys.from_env(settings)
    except ValueError as error:
        fail(INVALID_KEYS.format(error))
    if keys is None:
        fail(
            "FICLEDGER_API_KEYS 未设置：请给出 role:name:token 三元组，或运行 `ficledger demo` 生成演示密钥 "
            f"(FICLEDGER_API_KEYS is not set: give role:name:token triples, e.g. FICLEDGER_API_KEYS={EXAMPLE_KEYS})"
        )
    return keys


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(None, min=1, max=65535, help="Port to listen on (default: $PORT or 8000)."),
    workers: int = typer.Option(1, min=1, max=64, help="Worker processes, each with its own application."),
) -> None:
    """Serve the HTTP API on the store named by FICLEDGER_DATABASE_URL (created when it does not exist)."""
    settings = read_settings()
    keys = required_keys(settings)
    register = open_register(settings, create=True, thorough=True)
    from interfaces.api.server import serve as run_server

    run_server(register, keys, host, port or settings.port, workers)


@cli.command()
def demo(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(None, min=1, max=65535, help="Port to listen on (default: $PORT or 8000)."),
    seed: int = typer.Option(2020, help="Seed of the generated district."),
    load_only: bool = typer.Option(False, "--load-only", help="Load the demo district and exit without serving."),
) -> None:
    """Load the demo district into the configured store (once) and serve it, printing URL and tokens."""
    from application.demo.district import DEMO, DistrictConflict, build_district
    from interfaces.api.auth import ApiKeys
    from interfaces.api.server import serve as run_server
    from interfaces.demo_keys import DemoFile, conflict, welcome

    settings = read_settings()
    try:
        configured = ApiKeys.from_env(settings)
    except ValueError as error:
        fail(INVALID_KEYS.format(error))
    register = open_register(settings, create=True, thorough=True)
    where = settings.shown_database_url
    kept = DemoFile.beside(register.database_url)
    try:
        with store_errors(settings), progress("载入演示区 (loading the demo district)") as update:
            summary = build_district(register, seed, DEMO, receipt=kept.receipt, progress=update)
    except BaseException as error:
        register.close()
        if isinstance(error, DistrictConflict):
            fail(conflict(where, error, kept.path))
        raise
    kept_keys = kept.keep(summary.receipt, renew=summary.loaded)
    keys = configured or kept_keys
    if summary.loaded:
        typer.echo(
            f"演示区已载入 {where}：{summary.events:,} 个事件，{summary.seconds:.1f} 秒，"
            f"每秒 {summary.events_per_second:,.0f} 个 (Loaded the demo district)"
        )
    else:
        typer.echo(f"{where} 中已有演示区，未添加任何记录 (the demo district is already there; nothing added)")
    if kept.path:
        typer.echo(f"演示密钥保存在 {kept.path}，仅其所有者可读 (the demo's tokens, readable by its owner only)")
    port = port or settings.port
    typer.echo(welcome(host, port, keys, summary.receipt.stands_on))
    if load_only:
        register.close()
        return
    run_server(register, keys, host, port)


@cli.command()
def project(interval: float = typer.Option(0.5, min=0.01, help="Seconds between polls of the log.")) -> None:
    """Keep the views up to date as a worker process (run the API with FICLEDGER_PROJECTIONS=worker beside it).

    Any number of workers may run: each batch is folded once. An error is logged in one line and retried."""
    import logging
    import signal

    from application.projections.runner import ViewRunner
    from application.settings import shown_url

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    register = _register_for_a_worker(read_settings())
    with ViewRunner(register) as runner:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: runner.stop())
        where = shown_url(register.database_url)
        typer.echo(f"正在保持 {where} 的视图为最新，Ctrl+C 停止 (keeping the views up to date)")
        runner.follow(interval)
    register.close()


def _register_for_a_worker(settings: Settings, attempts: int = 6) -> Register:
    """The register for a long-running worker: a store that cannot be used yet (another process creating its tables
    at the same moment, a database still starting) is logged in one line and tried again with a doubling pause;
    after ``attempts`` the worker gives up as every command does (one line, exit status 2)."""
    import logging
    import time

    from application.store.checks import StoreUnavailable, failures

    pause = 0.5
    for _ in range(attempts - 1):
        try:
            with failures(settings.shown_database_url):
                return connect(settings, create=True)
        except StoreUnavailable as error:
            logging.getLogger("ficledger.views").warning("%s；%.1f 秒后重试 (retrying)", error, pause)
            time.sleep(pause)
            pause *= 2
    return open_register(settings, create=True)


@cli.command()
def rebuild(
    view: str = typer.Argument("register_view", help="The view to rebuild (there is one: register_view)."),
) -> None:
    """Drop a view and rebuild it from position 0, printing the events per second."""
    import time

    from application.projections.projection import RegisterProjection
    from application.projections.runner import ViewRunner

    if view != RegisterProjection.name:
        fail(f"没有视图 {view!r}；现有视图：{RegisterProjection.name} (no such view)")
    settings = read_settings()
    register = open_register(settings)
    try:
        with store_errors(settings):
            total = register.recorder.max_notification_id() or 0
            started = time.perf_counter()
            with ViewRunner(register) as runner, progress(f"重建 {view} (rebuilding)", total) as update:
                events = runner.rebuild(update)
            elapsed = time.perf_counter() - started
    finally:
        register.close()
    rate = events / elapsed if elapsed else 0
    typer.echo(f"已重建 {view}：{events:,} 个事件，{elapsed:.2f} 秒，每秒 {rate:,.0f} 个 (rebuilt {view})")


def as_of_time(text: str) -> datetime:
    """An ``--as-of`` time: RFC 3339 with an offset, and settled; else one line and exit status 2."""
    from datetime import datetime

    from application.moments import settled

    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        fail(
            "--as-of 应为带时区偏移的 RFC 3339 时间，如 2021-01-15T08:30:00Z "
            "(--as-of is an RFC 3339 time with an offset)"
        )
    try:
        return settled(moment)
    except ValueError as error:
        fail(f"--as-of 太近 (--as-of is too recent)：{error}")


@cli.command()
def report(
    name: Annotated[
        str,
        typer.Argument(help="classification, coverage, chambers, organizational-life, key-focus or publicity-notice"),
    ],
    year: Annotated[
        int | None, typer.Argument(help="The year, for classification, organizational-life and publicity-notice")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json, csv or xlsx")] = "json",
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: standard output)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="RFC 3339 time: the report as it stood then")] = None,
) -> None:
    """Build a report from the configured store and write it as JSON, or as CSV or XLSX laid out for filing (titled
    with FICLEDGER_DISTRICT)."""
    import json
    import sys

    from application.errors import NotFound, RuleViolation
    from application.projections.runner import ViewAhead, ViewRunner
    from application.reports.service import UnknownReport, build_report
    from interfaces.exports import filing, to_csv, to_xlsx

    if fmt not in ("json", "csv", "xlsx"):
        fail("--format 只能是 json、csv 或 xlsx (--format is json, csv or xlsx)")
    settings = read_settings()
    moment = as_of_time(as_of) if as_of else None
    if fmt == "xlsx" and out is None:
        fail("XLSX 报表需要 --out 指定文件 (an XLSX report needs --out)")
    register = open_register(settings)
    try:
        with store_errors(settings), ViewRunner(register) as runner:
            document = build_report(register, runner, name, year, moment)
    except UnknownReport as error:
        fail(str(error))
    except ViewAhead as error:
        fail(str(error), 1)
    except (NotFound, RuleViolation) as error:
        fail(f"无法生成报表 (the report cannot be made)：{error}")
    finally:
        register.close()
    data = {
        "json": lambda: json.dumps(document, ensure_ascii=False, indent=2).encode(),
        "csv": lambda: to_csv(filing(document, settings.district)),
        "xlsx": lambda: to_xlsx(filing(document, settings.district)),
    }[fmt]()
    if out is None:
        sys.stdout.buffer.write(data)
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        fail(f"无法写入 {out}：{error.strerror} (cannot write the file)")
    typer.echo(f"已写出 {name} 报表到 {out}，指纹 {document['fingerprint']} (wrote the report)")


@cli.command()
def verify(
    position: int = typer.Option(None, help="Position of a head published earlier (a report's position)."),
    head: str = typer.Option(None, help="The head published at that position (a report's chain_head)."),
) -> None:
    """Recompute the hash chain over the stored log and print the verdict as one line of JSON; exit 0 when it
    holds, 1 where it was altered (or the store is cut short or corrupt), 2 when there is no store to verify."""
    import json

    from application.audit.verify import Verification
    from application.audit.verify import verify as verify_log
    from application.store.checks import StoreDamaged, failures

    if (position is None) != (head is None):
        fail("--position 与 --head 须一起给出 (give --position and --head together)")
    settings = read_settings()
    anchor = (position, head) if position is not None else None
    with store_errors(settings):
        try:
            register = connect(settings, create=False, thorough=True)
            try:
                with failures(settings.shown_database_url):
                    total = register.recorder.max_notification_id() or 0
                    with progress("校验哈希链 (verifying)", total) as update:
                        result = verify_log(register, anchor, update)
            finally:
                register.close()
        except StoreDamaged as error:
            result = Verification(False, 0, None, None, None, str(error))
    typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))
    raise typer.Exit(0 if result.ok else 1)


@cli.command("export")
def export_command(out: Annotated[Path, typer.Option("--out", help="File to write (JSON Lines).")]) -> None:
    """Write the whole log with its hash chain to a file, checking the chain as it goes; exit 1 (and no file) when
    the log was altered."""
    from application.audit.transfer import LogAltered, export_log

    settings = read_settings()
    register = open_register(settings)
    partial = out.with_name(f"{out.name}.partial")
    try:
        with store_errors(settings):
            total = register.recorder.max_notification_id() or 0
            with partial.open("w", encoding="utf-8") as handle, progress("导出 (exporting)", total) as update:
                trailer = export_log(register, handle, update)
        partial.replace(out)
    except LogAltered as error:
        fail(f"未导出 (not exported)：{error}；请运行 `ficledger verify`", 1)
    except OSError as error:
        fail(f"无法写入 {out}：{error.strerror} (cannot write the file)")
    finally:
        register.close()
        partial.unlink(missing_ok=True)
    typer.echo(f"已导出 {trailer['count']} 个事件到 {out}，链头 {trailer['head']} (exported)")


@cli.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A file written by export.")],
) -> None:
    """Import an exported log into an empty store (created when it does not exist); refuses a file whose chain
    does not verify."""
    from application.audit.transfer import ImportRefused, import_log

    settings = read_settings()
    register = open_register(settings, create=True)
    try:
        with store_errors(settings), progress("导入 (importing)") as update:
            result = import_log(register, source, update)
    except ImportRefused as error:
        fail(f"拒绝导入 (refused)：{error}", 1)
    finally:
        register.close()
    typer.echo(f"已导入 {result['count']:,} 个事件，链头 {result['head']} (imported)")


@cli.command("hash-token")
def hash_token_command(
    token: Annotated[
        str | None,
        typer.Argument(help="The token; left out (or -), it is read from standard input, unechoed on a terminal."),
    ] = None,
) -> None:
    """Print sha256:<hex> of a token, to configure its key in FICLEDGER_API_KEYS without the token itself."""
    import sys

    from interfaces.api.auth import hash_token, token_problem

    if token is None or token == "-":
        if sys.stdin.isatty():
            token = typer.prompt("令牌 (token)", hide_input=True, err=True)
        else:
            token = sys.stdin.readline().rstrip("\r\n")
    problem = token_problem(token)
    if problem:
        fail(f"令牌不能使用 (the token cannot be used)：应为 8 个以上的可打印 ASCII 字符，不含空格 ({problem})")
    typer.echo(hash_token(token))


@cli.command("import-sheet")
def import_sheet(
    kind: Annotated[str, typer.Argument(help="members, chambers, branches, organizational-life or reviews")],
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An .xlsx workbook or a .csv file.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and record nothing.")] = False,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Who records, named on every event (default: the system user).")
    ] = None,
) -> None:
    """Import a spreadsheet of KIND into the configured store (created when it does not exist), every row checked
    by the register's rules, in one transaction or not at all; writes each row's outcome to FILE.result.xlsx.
    Exit 0 when every row is accepted or unchanged, 1 when a row is refused (nothing recorded), 2 when the file or
    the store cannot be used."""
    import getpass

    from application.imports.files import FileRefused
    from application.imports.outcome import RowStatus
    from application.imports.result_sheet import result_workbook
    from application.imports.service import UnknownKind, kind_named, read
    from interfaces.api.auth import Principal
    from interfaces.progress import ROWS
    from interfaces.sheet_imports import record_sheet

    try:
        role = kind_named(kind).role
    except UnknownKind as error:
        fail(str(error))
    settings = read_settings()
    try:
        data = source.read_bytes()
        sheet = read(data, source.name, kind)
    except OSError as error:
        fail(f"无法读取 {source}：{error.strerror} (cannot read the file)")
    except FileRefused as error:
        fail(f"拒绝导入 (refused)：{error.message}")
    principal = Principal(actor or getpass.getuser(), role)
    register = open_register(settings, create=True)
    try:
        with store_errors(settings), progress("导入表格 (importing rows)", len(sheet.rows), ROWS) as update:
            result = record_sheet(
                register, sheet, data, source.name, kind, dry_run=dry_run, principal=principal, progress=update
            )
    finally:
        register.close()
    out = source.with_name(f"{source.name}.result.xlsx")
    try:
        out.write_bytes(result_workbook(result))
    except OSError as error:
        fail(f"无法写入 {out}：{error.strerror} (cannot write the file)")
    accepted, unchanged = result.count(RowStatus.ACCEPTED), result.count(RowStatus.UNCHANGED)
    counts = f"{len(result.outcomes):,} 行：接受 {accepted:,}，未变化 {unchanged:,}"
    if result.rejected:
        fail(
            f"{counts}，拒绝 {result.rejected:,}，未登记任何内容；逐行结果见 {out} (rows refused, nothing recorded)", 1
        )
    if dry_run:
        done = "试导入，未登记任何内容 (dry run, nothing recorded)"
    elif not result.recorded:
        done = "均已在登记册中，没有新登记的内容 (nothing new to record)"
    else:
        done = f"已登记，导入编号 {result.import_id} (recorded)"
    typer.echo(f"{counts}；{done}；逐行结果见 {out}")


@cli.command()
def keygen() -> None:
    """Print a new cipher key for FICLEDGER_CIPHER_KEY (256 bits, base64), made by the library's own helper."""
    from application.store.sealing import new_key

    typer.echo(new_key())
    typer.echo(
        "请妥善保管此密钥：丢失后加密的存储无法读取 (keep this key safe: without it a sealed store cannot be read)",
        err=True,
    )


@cli.command()
def version() -> None:
    """Print the installed version."""
    from importlib.metadata import version as installed

    typer.echo(installed("ficledger"))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
