"""The window: a side bar of views, a banner area for what needs attention, and the shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from voicecoach import APP_NAME
from voicecoach.core.remedy import Remedy
from voicecoach.ui import words
from voicecoach.ui.context import AppContext, Level, Message
from voicecoach.ui.views.practice import PracticeView
from voicecoach.ui.widgets.banner import BannerArea, Toast
from voicecoach.ui.widgets.wheel import guard_wheel

if TYPE_CHECKING:
    from voicecoach.core.cadence import Cadence
    from voicecoach.ui.views.coach import CoachView
    from voicecoach.ui.views.progress import ProgressView
    from voicecoach.ui.views.scripts import ScriptsView
    from voicecoach.ui.views.settings import SettingsView

__all__ = ["VIEW_NAMES", "MainWindow", "NavButton"]

VIEW_NAMES = ("Practice", "Scripts", "Progress", "Coach", "Settings")


class NavButton(QToolButton):
    """A page in the side bar. Only the current page's button takes keyboard focus, and Up/Down move
    to the next page, like a list: a focused button that was not the current page looked selected, so
    two pages seemed active at once."""

    step_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
        if event.key() in steps:
            self.step_requested.emit(steps[Qt.Key(event.key())])
        else:
            super().keyPressEvent(event)


def _is_typing(widget: QWidget | None) -> bool:
    """Whether Space would type a character into ``widget``."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(960, 640)
        central = QWidget()
        central.setObjectName("Page")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._build_sidebar())
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banners = BannerArea()
        right.addWidget(self.banners)
        self.stack = QStackedWidget()
        # Practice is built now; the other views when first opened, so the window shows at once.
        self.practice = PracticeView(ctx)
        guard_wheel(self.practice)
        self._views: dict[int, QWidget] = {0: self.practice}
        self.stack.addWidget(self.practice)
        for _ in VIEW_NAMES[1:]:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.setCentralWidget(central)
        self.toast = Toast(central)
        self._toast_key: str | None = None  # the topic of the message the toast shows
        self.model_status = QLabel(words.MODEL_STARTING)
        self.download_bar = QProgressBar()
        self.download_bar.setMaximumWidth(200)
        self.download_bar.hide()
        self.statusBar().addPermanentWidget(self.download_bar)
        self.statusBar().addPermanentWidget(self.model_status)
        ctx.message_posted.connect(self.show_message)
        self._provide_remedies()
        ctx.profile_changed.connect(self._on_profile_changed)
        ctx.model.state_changed.connect(self._on_model_state_changed)
        ctx.model.download_progress_changed.connect(self._on_download_progress)
        self._shortcuts()
        self._fitted = False
        self._restore_geometry()
        self.go_to(0)

    # -- structure -----------------------------------------------------------------------------------
    def _build_sidebar(self) -> QWidget:
        side = QWidget()
        side.setObjectName("Sidebar")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QVBoxLayout(side)
        lay.setContentsMargins(12, 14, 12, 12)
        lay.setSpacing(4)
        title = QLabel("VoiceCoach")
        title.setObjectName("AppTitle")
        lay.addWidget(title)
        self.nav = QButtonGroup(self)
        self.nav.setExclusive(True)
        icons = ("●", "✎", "↗", "☺", "⚙")
        for i, (name, icon) in enumerate(zip(VIEW_NAMES, icons, strict=True)):
            btn = NavButton()
            btn.setText(f"{icon}   {name}")
            btn.setAccessibleName(f"{name} page")
            btn.step_requested.connect(self._step_page)
            btn.setCheckable(True)
            btn.setToolTip(words.page_tip(name, i + 1))
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            btn.setSizePolicy(btn.sizePolicy().horizontalPolicy().Expanding, btn.sizePolicy().verticalPolicy())
            btn.clicked.connect(lambda _c=False, i=i: self._on_nav_clicked(i))
            self.nav.addButton(btn, i)
            lay.addWidget(btn)
        lay.addStretch(1)
        self.rep_label = QLabel("No rep yet")
        self.rep_label.setObjectName("RepLabel")
        self.rep_label.setWordWrap(True)
        lay.addWidget(self.rep_label)
        return side

    def _shortcuts(self) -> None:
        def add(seq: QKeySequence | str, slot: object) -> QShortcut:
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
            return sc

        self.space_shortcut = add(QKeySequence(Qt.Key.Key_Space), self._on_space)
        for i in range(len(VIEW_NAMES)):
            add(f"Ctrl+{i + 1}", lambda i=i: self.go_to(i))
        add(QKeySequence(QKeySequence.StandardKey.New), self.new_script)
        add("Ctrl+I", self.import_audio)
        add("Ctrl+H", self.practice.hide_script.toggle)
        add("F1", self.show_help)  # one binding per key: two for the same key make both ambiguous
        add("Ctrl+Q", self.close)
        add(QKeySequence(QKeySequence.StandardKey.Find), self._focus_search)

    def view(self, index: int) -> QWidget:
        """The view at ``index``, built on first use."""
        if index not in self._views:
            view = self._make_view(index)
            guard_wheel(view)
            holder = self.stack.widget(index)
            layout = holder.layout() if holder is not None else None
            assert layout is not None, "each page's holder is made with its layout"
            layout.addWidget(view)
            self._views[index] = view
        return self._views[index]

    def _make_view(self, index: int) -> QWidget:
        if index == 1:
            from voicecoach.ui.views.scripts import ScriptsView

            scripts = ScriptsView(self.ctx)
            scripts.practise_requested.connect(self._on_practise_requested)
            scripts.rehearse_requested.connect(self._on_rehearse_requested)
            return scripts
        if index == 2:
            from voicecoach.ui.views.progress import ProgressView

            return ProgressView(self.ctx)
        if index == 3:
            from voicecoach.ui.views.coach import CoachView

            return CoachView(self.ctx)
        from voicecoach.ui.views.settings import SettingsView

        return SettingsView(self.ctx)

    @property
    def scripts(self) -> ScriptsView:
        return self.view(1)  # type: ignore[return-value]

    @property
    def progress(self) -> ProgressView:
        return self.view(2)  # type: ignore[return-value]

    @property
    def coach(self) -> CoachView:
        return self.view(3)  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsView:
        return self.view(4)  # type: ignore[return-value]

    def go_to(self, index: int) -> None:
        view = self.view(index)
        self.stack.setCurrentIndex(index)
        button = self.nav.button(index)
        if button is not None:
            refocus = any(b.hasFocus() for b in self.nav.buttons())
            button.setChecked(True)
            for b in self.nav.buttons():
                b.setFocusPolicy(Qt.FocusPolicy.TabFocus if b is button else Qt.FocusPolicy.NoFocus)
            if refocus:
                button.setFocus(Qt.FocusReason.TabFocusReason)
        if hasattr(view, "on_shown"):
            view.on_shown()

    def _on_nav_clicked(self, index: int) -> None:
        """A click on a page keeps the keyboard there, so Up and Down move on from it at once (a click did
        not focus it, and the arrows did nothing until Shift+Tab)."""
        self.go_to(index)
        button = self.nav.button(index)
        if button is not None:
            button.setFocus(Qt.FocusReason.MouseFocusReason)

    def _step_page(self, step: int) -> None:
        self.go_to((self.stack.currentIndex() + step) % len(VIEW_NAMES))

    @property
    def current_view(self) -> QWidget:
        return self._views.get(self.stack.currentIndex(), self.practice)

    # -- actions -------------------------------------------------------------------------------------
    def _on_space(self) -> None:
        """Space records/stops on the practice page, unless the rep is typing somewhere."""
        focus = QApplication.focusWidget()
        if self.current_view is self.practice and not _is_typing(focus):
            self.practice.toggle_recording()
        elif isinstance(focus, QAbstractButton):
            focus.click()  # elsewhere Space keeps its usual meaning on buttons and check boxes

    def new_script(self) -> None:
        self.go_to(1)
        self.scripts.new_script()

    def import_audio(self) -> None:
        self.go_to(0)
        self.practice.choose_import()

    def show_help(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(words.HELP_TITLE)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(words.HELP_TEXT)
        box.open()
        self.help_box = box

    def _focus_search(self) -> None:
        view = self.current_view
        search = getattr(view, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def _on_practise_requested(self, script_id: int) -> None:
        self.practice.select_script(script_id)
        self.go_to(0)

    def _on_rehearse_requested(self, cadence: Cadence) -> None:
        self.practice.rehearse(cadence)
        self.go_to(0)

    # -- messages and status -------------------------------------------------------------------------
    def show_message(self, msg: Message) -> None:
        if msg.key and msg.key == self._toast_key and self.toast.isVisible():
            self.toast.hide()  # "Checking the model…" must not still show beside its answer
        if msg.level is Level.CLEAR:
            if msg.key:
                self.banners.clear_banner(msg.key)
            return
        if msg.level is Level.INFO and not msg.actions:
            self.toast.show_message(msg.text)
            self._toast_key = msg.key
            if msg.key:
                self.banners.clear_banner(msg.key)
            return
        self.banners.show_banner(msg.key or msg.text[:40], msg.text, msg.level, msg.actions)

    def _provide_remedies(self) -> None:
        """What this window does for an error's remedy buttons (see ui.remedies)."""
        self.ctx.remedies.provide(Remedy.CHECK_MICROPHONE, self.open_microphone_settings)
        for remedy in (Remedy.FREE_DISK_SPACE, Remedy.MAKE_FOLDER_WRITABLE):
            self.ctx.remedies.provide(remedy, self.open_data_folder)

    def open_microphone_settings(self) -> None:
        self.go_to(4)
        self.settings.device_combo.setFocus()

    def open_data_folder(self) -> None:
        from voicecoach import paths
        from voicecoach.ui.open_folder import open_folder

        open_folder(self, self.ctx, str(paths.data_dir()))

    def _on_model_state_changed(self, state: str) -> None:
        self.model_status.setText(words.model_status(state))
        self.download_bar.setVisible(state == "downloading")

    def _on_download_progress(self, value: object) -> None:
        done, total = value if isinstance(value, tuple) else (0, None)
        if total:
            self.download_bar.setRange(0, 100)
            self.download_bar.setValue(int(100 * done / total))
        else:
            self.download_bar.setRange(0, 0)

    def _on_profile_changed(self) -> None:
        """The side bar names the rep practising on this computer; while a coach has another rep open on
        the Coach page, it says so under that name instead of taking the coached rep's."""
        p, home = self.ctx.profile, self.ctx.home_profile
        if p is None or home is None or self.ctx.home_profile_id == self.ctx.profile_id:
            self.rep_label.setText(words.rep_line(p.name, p.company) if p else words.NO_REP_YET)
        else:
            self.rep_label.setText(words.rep_line(home.name, home.company, coaching=p.name))

    # -- geometry ------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.ctx.prefs.get("window/geometry")
        if not (isinstance(geo, QByteArray | bytes) and self.restoreGeometry(QByteArray(geo))):
            self.resize(1180, 780)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Keep the window inside the screen's free area: a size saved at another scale or on a larger
        monitor came back taller than the screen, its status bar out of reach."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        # Until a window manager has decorated the window its title bar is not in the frame: keep room for it,
        # or a window restored at 1.5× filled the screen's height and its title bar went off the top.
        title_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        top = max(0, title_bar - (self.geometry().y() - frame.y()))
        width = min(self.width(), room.width() - extra_w)
        height = min(self.height(), room.height() - extra_h - top)
        if (width, height) != (self.width(), self.height()):
            self.setMinimumSize(min(self.minimumWidth(), width), min(self.minimumHeight(), height))
            self.resize(width, height)
        x = min(max(frame.x(), room.x()), room.right() - width - extra_w + 1)
        y = min(max(frame.y(), room.y() + top), room.bottom() - height - extra_h + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the window frame's size is known once it is shown
            self._fitted = True
            self.fit_to_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.toast.isVisible():
            self.toast.show_message(self.toast.text())

    def _close_again(self) -> None:
        """Quit once the unsaved edits were saved or discarded."""
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        scripts = cast("ScriptsView | None", self._views.get(1))
        if scripts is not None and scripts.has_unsaved_edits():
            event.ignore()
            self.go_to(1)
            scripts.ask_unsaved(self._close_again)
            return
        cadences = getattr(scripts, "cadence_editor", None)
        if scripts is not None and cadences is not None and cadences.is_dirty():  # the Cadences tab asks the same
            event.ignore()
            self.go_to(1)
            scripts.tabs.setCurrentIndex(1)
            cadences.ask_unsaved(self._close_again)
            return
        self.practice.session.stop()  # a take still recording ends; its report and save follow
        self.ctx.prefs.set("window/geometry", self.saveGeometry())
        super().closeEvent(event)
