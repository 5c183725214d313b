"""CoachView: the coach page's parts wired to the store (see the package); its sessions and bundles are
``sessions``."""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.verdict import result_text
from voicecoach.ui import operations as ops
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.dialogs import ProfileDialog
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.views.coach.cadences import CadencePane
from voicecoach.ui.views.coach.parts import ComparePane, RepBar, SessionBar, TakePicker
from voicecoach.ui.views.coach.sessions import CoachSessions
from voicecoach.ui.views.session_tools import (
    ask_end_session_first,
)
from voicecoach.ui.views.team_section import TeamSection
from voicecoach.ui.widgets.note_dialog import ask_note
from voicecoach.ui.widgets.page import page_layout
from voicecoach.ui.widgets.report_panel import ReportPanel

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["NOTE_AUTHOR", "CoachView", "rep_labels"]

NOTE_AUTHOR = {"rep": "Rep", "coach": "Coach"}  # who wrote a note, as the list labels it


def rep_labels(store: Store) -> list[tuple[Any, str]]:
    """Each rep with the words the picker shows: "name · company", and for reps who share those, what tells
    them apart (their number, how many takes, when they last practised). Runs on the store thread."""
    reps = store.list_profiles()
    counts = Counter((r.profile.name.casefold(), r.profile.company.casefold()) for r in reps)
    out = []
    for r in reps:
        label = words.rep_label(r.profile.name, r.profile.company)
        if counts[(r.profile.name.casefold(), r.profile.company.casefold())] > 1:
            takes = store.list_takes(r.id)
            label = words.rep_label_told_apart(label, r.profile.phone, len(takes),
                                               takes[0].started_at if takes else None)
        out.append((r, label))
    return out


class CoachView(CoachSessions):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.takes: list[Any] = []
        self.compared: list[int] = []
        self.last_session_id: int | None = None
        self._session_goals = ""  # the running session's goals as last saved
        self._build()
        ctx.profile_changed.connect(self._on_profile_changed)
        ctx.takes_changed.connect(self.refresh_takes)

    def _build(self) -> None:
        lay, head = page_layout(self, "Coach")
        self.rep_bar = RepBar()
        head.addWidget(self.rep_bar)
        self.team_section = TeamSection(self.ctx, self.switch_rep)  # a coach's team folder: every rep at a glance
        # The team table above the rep's work, in a splitter that gives the compared takes the room: at
        # 1024×700 the table took it all and the transcripts were 0 px tall.
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.setChildrenCollapsible(False)
        rows.addWidget(self.team_section)
        body = QWidget()
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 0, 0)
        self.session_bar = SessionBar()
        body_lay.addWidget(self.session_bar)
        self.cadence_pane = CadencePane()  # per cadence the rep rehearsed: each attempt's progress
        body_lay.addWidget(self.cadence_pane)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.take_picker = TakePicker()
        split.addWidget(self.take_picker)
        self.compare_pane = ComparePane(self.note_on)
        split.addWidget(self.compare_pane)
        split.setSizes([250, 930])
        body_lay.addWidget(split, 1)
        rows.addWidget(body)
        rows.setStretchFactor(0, 0)
        rows.setStretchFactor(1, 1)
        rows.setSizes([150, 600])
        self.rows = rows
        # Shorter than everything's minimum (a team at 1024×700, or 1.5×): the page scrolls, nothing is squeezed.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)  # the page's own colour, light or dark
        rows.setObjectName("PageBody")
        scroll.setWidget(rows)
        lay.addWidget(scroll, 1)
        # The parts' widgets by the names the rest of the app and the tests use.
        self.rep_combo = self.rep_bar.rep_combo
        sb, tk = self.session_bar, self.take_picker
        self.goals, self.session_button, self.session_label = sb.goals, sb.session_button, sb.session_label
        self.export_html_button, self.export_pdf_button = sb.export_html_button, sb.export_pdf_button
        self.take_list, self.compare_button, self.notes_list = tk.take_list, tk.compare_button, tk.notes_list
        self.notes_label = tk.notes_label
        self.panels, self.panel_titles = self.compare_pane.panels, self.compare_pane.panel_titles
        self._connect_parts()

    def _connect_parts(self) -> None:
        rb, sb, tk = self.rep_bar, self.session_bar, self.take_picker
        rb.rep_combo.activated.connect(self._on_rep_activated)
        rb.add_button.clicked.connect(self.add_rep)
        rb.export_bundle_button.clicked.connect(self.export_bundle)
        rb.import_bundle_button.clicked.connect(self.import_bundle)
        sb.session_button.clicked.connect(self.toggle_session)
        sb.goals.editingFinished.connect(self._on_goals_edited)
        sb.export_html_button.clicked.connect(lambda: self.export_session(pdf=False))
        sb.export_pdf_button.clicked.connect(lambda: self.export_session(pdf=True))
        tk.take_list.itemSelectionChanged.connect(self._on_selection_changed)
        tk.take_list.itemActivated.connect(lambda _item: self.compare_selected())
        tk.compare_button.clicked.connect(self.compare_selected)
        tk.first_latest_button.clicked.connect(self.compare_first_latest)
        tk.judge_button.clicked.connect(self.judge_again)

    # -- reps ----------------------------------------------------------------------------------------
    @property
    def search(self) -> QLineEdit | None:
        """What Ctrl+F focuses here: the team table's filter, for a coach in a team."""
        return None if self.team_section.isHidden() else self.team_section.table.filter

    def on_shown(self) -> None:
        self.team_section.refresh()
        self.refresh_reps()
        self.refresh_takes()
        self.refresh_sessions()

    def refresh_reps(self) -> None:
        self.ctx.store.call(rep_labels, self._on_reps_loaded, self.ctx.fail(BannerKey.REPS))

    def _on_reps_loaded(self, reps: list[tuple[Any, str]]) -> None:
        self.rep_combo.clear()
        for r, label in reps:
            self.rep_combo.addItem(label, r.id)
            self.rep_combo.setItemData(self.rep_combo.count() - 1, r.profile, Qt.ItemDataRole.UserRole + 1)
        i = self.rep_combo.findData(self.ctx.profile_id)
        self.rep_combo.setCurrentIndex(max(0, i))

    def _on_rep_activated(self, index: int) -> None:
        pid = self.rep_combo.itemData(index)
        profile = self.rep_combo.itemData(index, Qt.ItemDataRole.UserRole + 1)
        if pid is not None and pid != self.ctx.profile_id:
            self.switch_rep(int(pid), profile)

    def switch_rep(self, profile_id: int, profile: Any) -> None:
        """Coach another rep; a running session belongs to the current one, so ask before ending it."""
        if self.ctx.session_id is None:
            self._switch_to(profile_id, profile)
            return
        current = self.ctx.profile.name if self.ctx.profile else "this rep"
        self.switch_box = ask_end_session_first(self, current, profile.name)
        sid = self.ctx.session_id
        self.switch_box.button_end.clicked.connect(
            lambda: run_op(self.ctx, ops.end_session(sid),
                           lambda s: self._on_session_ended(s, then=lambda: self._switch_to(profile_id, profile))))
        self.switch_box.button_stay.clicked.connect(self._show_current_rep)

    def _switch_to(self, profile_id: int, profile: Any) -> None:
        self.ctx.set_profile(profile_id, profile, coaching=True)
        self.ctx.post(words.now_coaching(profile.name), Level.INFO)

    def _show_current_rep(self) -> None:
        i = self.rep_combo.findData(self.ctx.profile_id)
        if i >= 0:
            self.rep_combo.setCurrentIndex(i)

    def add_rep(self) -> None:
        dialog = ProfileDialog(self)
        if dialog.exec() and dialog.profile is not None:
            profile = dialog.profile
            run_op(self.ctx, ops.add_rep(profile), lambda pid: self._on_rep_added(pid, profile))

    def _on_rep_added(self, pid: int, profile: Any) -> None:
        self.switch_rep(int(pid), profile)
        self.refresh_reps()

    def _on_profile_changed(self) -> None:
        i = self.rep_combo.findData(self.ctx.profile_id)
        if i >= 0:
            self.rep_combo.setCurrentIndex(i)
        # Nothing of the previous rep stays on screen: their takes, notes, goals and compared reports.
        self.compare_pane.clear()
        self.takes, self.compared = [], []
        self.take_list.clear()
        self.notes_list.clear()
        self.notes_label.setText(words.NOTES_TITLE)
        self.goals.clear()
        self.refresh_takes()
        self.last_session_id = None
        self._set_export_enabled(False)
        self.session_label.setText(words.NO_SESSION)
        self.refresh_sessions()

    # -- takes, compare, notes -----------------------------------------------------------------------
    def refresh_takes(self, *_: object) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return

        def load(s: Any) -> tuple[int, list[Any], dict[int, str]]:
            return pid, s.list_takes(pid), s.script_titles()

        self.ctx.store.call(load, self._on_takes_loaded, self.ctx.fail(BannerKey.TAKES))
        self.ctx.store.call(lambda s: (pid, [s.cadence_progress(pid, name) for name in s.cadences_practised(pid)]),
                            self._on_cadences_loaded, self.ctx.fail(BannerKey.CADENCE_PROGRESS))

    def _on_cadences_loaded(self, loaded: tuple[int, list[Any]]) -> None:
        pid, cadences = loaded
        if pid == self.ctx.profile_id:
            self.cadence_pane.show_progress(cadences)

    def _on_takes_loaded(self, result: tuple[int, list[Any], dict[int, str]]) -> None:
        pid, takes, self.titles = result
        if pid != self.ctx.profile_id:
            return  # an answer for the rep shown before a switch
        self.takes = takes
        self.take_list.clear()
        for t in self.takes:
            # Two short lines fit the narrow list: what it is, then its stored verdict (and score) and when.
            verdict = result_text(t.verdict, t.score if t.heard else None)
            verdict = verdict[:1].upper() + verdict[1:]
            item = QListWidgetItem(f"{self.take_name(t)}\n{verdict} · {t.started_at:%d %b %H:%M}")
            item.setToolTip(words.take_item_tip(self.take_name(t), t.started_at, verdict))
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.take_list.addItem(item)

    def take_name(self, take: Any) -> str:
        """"Expired listing #3": two scripts' third attempts are not both "#3"."""
        return f"{getattr(self, 'titles', {}).get(take.script_id, 'Script')} #{take.attempt}"

    def _on_selection_changed(self) -> None:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.take_list.selectedItems()]
        self.compare_button.setEnabled(len(ids) in (1, 2))
        if ids:
            self._load_notes(ids[0])

    def compare_selected(self) -> None:
        ids = [int(i.data(Qt.ItemDataRole.UserRole)) for i in self.take_list.selectedItems()][:2]
        if ids:
            self.compare(ids)

    def compare_first_latest(self) -> None:
        """The first and the latest take of one script: the selected take's, else the latest take's.

        Takes the app couldn't hear are no result, so they are neither the first nor the latest.
        """
        if not self.takes:
            return
        selected = {int(i.data(Qt.ItemDataRole.UserRole)) for i in self.take_list.selectedItems()}
        anchor = next((t for t in self.takes if t.id in selected), self.takes[0])
        same = [t for t in self.takes if t.script_id == anchor.script_id]  # newest first
        same = [t for t in same if t.heard] or same
        self.compare([same[-1].id, same[0].id] if len(same) >= 2 else [same[0].id])

    def judge_again(self) -> None:
        """Today's rules on the selected takes (or all of the rep's), each with its stored context."""
        ids = [int(i.data(Qt.ItemDataRole.UserRole)) for i in self.take_list.selectedItems()]
        pid = self.ctx.profile_id
        if pid is None:
            return
        ops.judge_again(self.ctx, self.take_picker.judge_button, ids or None, pid, owner=self,
                        then=lambda: self.compare(self.compared) if self.compared else None)

    def compare(self, take_ids: list[int]) -> None:
        self.compared = list(take_ids)
        for slot, tid in enumerate(take_ids[:2]):
            self.ctx.store.call(partial(tp.load_stored_take, take_id=tid),
                                partial(self._show_in, slot), self.ctx.fail(BannerKey.OPENING_TAKE),
                                owner=self)

    def show_take_by_id(self, take_id: int) -> None:
        self.compare([take_id])

    def _show_in(self, slot: int, stored: tp.StoredTake) -> None:
        take = stored.take
        self.panel_titles[slot].setText(stored.title)
        self.panels[slot].show_report(take.transcript, stored.report, take.audio_path, note=stored.note)
        self.panels[slot].set_notes(stored.notes)
        self.panels[slot].setProperty("take_id", take.id)

    def note_on(self, panel: ReportPanel, at: float) -> None:
        take_id = panel.property("take_id")
        if take_id is None:
            return
        self.note_dialog = ask_note(self, words.COACH_NOTE_TITLE, at,
                                    lambda text: self.add_note(int(take_id), text, at))

    def add_note(self, take_id: int, text: str, at: float | None) -> None:
        run_op(self.ctx, ops.add_note(take_id, text, at, self.ctx.session_id, author="coach"),
               lambda _n: self._load_notes(take_id), owner=self)

    def _load_notes(self, take_id: int) -> None:
        self.ctx.store.call(lambda s: s.list_notes(take_id), lambda notes: self._on_notes_loaded(take_id, notes),
                            self.ctx.fail(BannerKey.NOTES), owner=self)
        for panel in self.panels:
            if panel.property("take_id") == take_id:
                self.ctx.store.call(lambda s: s.list_notes(take_id), panel.set_notes, owner=panel)

    def _on_notes_loaded(self, take_id: int, notes: list[Any]) -> None:
        take = next((t for t in self.takes if t.id == take_id), None)
        if take is None:
            return  # a take no longer listed (the rep changed meanwhile)
        self.notes_label.setText(words.notes_on(self.take_name(take)))
        self.notes_list.clear()
        for n in notes:
            at = f" @{n.at_seconds:.1f} s" if n.at_seconds is not None else ""
            author = NOTE_AUTHOR.get(n.author) or ("Coach" if n.session_id is not None else "Note")  # as the report
            self.notes_list.addItem(f"{author}{at}: {n.text}")
        if not notes:
            self.notes_list.addItem(words.NO_NOTES_YET)
