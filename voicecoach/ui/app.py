"""The composition root: QApplication, theme, context with the real adapters, window, then startup.

The window is shown, and its first frame painted, before anything slow happens; then the database and the
speech model open in the background (see startup.py and first_frame.py). Nothing on the way to that first
frame may import the storage stack, Vosk or numpy: tests/ui/test_ui_startup.py checks it in a fresh
interpreter.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import cast

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from voicecoach import APP_NAME, __version__, paths
from voicecoach.ui import theme, words
from voicecoach.ui.context import Adapters, AppContext
from voicecoach.ui.first_frame import after_first_frame
from voicecoach.ui.main_window import MainWindow
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.startup import Startup

__all__ = ["app_icon", "build", "install_excepthook", "make_application", "run_app", "show_then_start"]

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("voicecoach.svg", "voicecoach-256.png"):
        path = paths.assets_dir() / "icons" / name
        if path.exists():
            icon.addFile(str(path))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    app = cast(QApplication, QApplication.instance()) or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    theme.follow_system_theme(app)
    return app


def build(adapters: Adapters | None = None, *, load_model: bool = True,
          ask_profile: bool = True) -> tuple[AppContext, MainWindow, Startup]:
    """Context, window and startup, wired but not started: tests call this with fake adapters."""
    ctx = AppContext(adapters)
    window = MainWindow(ctx)
    startup = Startup(ctx, window, load_model=load_model, ask_profile=ask_profile)
    startup.ready.connect(ctx.team.load)
    return ctx, window, startup


def show_then_start(window: MainWindow, startup: Startup) -> None:
    """Show the window; start-up work begins once its first frame is on screen."""
    window.show()
    after_first_frame(window, startup.start)


def install_excepthook(ctx: AppContext) -> None:
    """A bug in a slot must not take the rep's session down: log it, say so, carry on."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("unexpected error", exc_info=(kind, exc, tb))
        ctx.post(words.unexpected_error(kind.__name__, exc), Level.ERROR, key=BannerKey.UNEXPECTED)

    sys.excepthook = hook


def run_app(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = make_application(argv)
    ctx, window, startup = build()
    theme.set_theme_choice(app, str(ctx.prefs.get("ui/theme") or "system"))
    install_excepthook(ctx)
    show_then_start(window, startup)
    code = app.exec()
    ctx.shutdown()
    return code
