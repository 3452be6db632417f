"""UI settings: one INI file holds every key, each declared once with its type and default;
settings an older Curator kept in the native store are copied over once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from curator.gui import ui_settings
from curator.gui.mainwindow import MainWindow
from curator.gui.screening.dialogs import store_reviewer, stored_reviewer
from curator.gui.screening.keys import load_keys, save_keys
from curator.gui.tables.dialogs import last_folder, remember_folder

GUI = Path(__file__).resolve().parents[2] / "curator" / "gui"


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_every_setting_the_window_writes_lands_in_the_one_file(
    qtbot, qsettings_in_tmp, sample_path, tmp_path
):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(sample_path)
    store_reviewer("ana")
    save_keys({**load_keys(), "include": "Y"})
    remember_folder(tmp_path)
    window.close()  # saves the window's geometry and the Library's splitter and columns

    assert files_under(qsettings_in_tmp) == [qsettings_in_tmp / "curator.ini"]
    assert files_under(tmp_path / "stray") == []  # nothing went to a default QSettings()
    written = QSettings(str(qsettings_in_tmp / "curator.ini"), QSettings.Format.IniFormat)
    expected = {key for key in ui_settings.DECLARED if key != "screening/keys"}
    assert expected <= set(written.allKeys())
    assert written.value("screening/keys/include") == "Y"
    assert (stored_reviewer(), last_folder()) == ("ana", tmp_path)


def test_only_the_settings_module_opens_qsettings():
    offenders = [
        str(path.relative_to(GUI))
        for path in GUI.rglob("*.py")
        if path.name != "ui_settings.py" and re.search(r"QSettings\b", path.read_text("utf-8"))
    ]
    assert offenders == []


def test_typed_settings_give_defaults_and_round_trip(qsettings_in_tmp):
    assert ui_settings.REVIEWER.get() == ""
    assert ui_settings.RECENT_FILES.get() == []
    assert ui_settings.MAIN_WINDOW_GEOMETRY.get() is None
    ui_settings.RECENT_FILES.set(["/one/review.curator"])  # INI stores a one-item list as text
    assert ui_settings.RECENT_FILES.get() == ["/one/review.curator"]
    ui_settings.LIBRARY_SPLITTER.set(QByteArray(b"\x00\x01state"))
    assert ui_settings.LIBRARY_SPLITTER.get() == QByteArray(b"\x00\x01state")
    ui_settings.REVIEWER.set("Zoë")
    ui_settings.REVIEWER.reset()
    assert ui_settings.REVIEWER.get() == ""


def test_a_value_of_the_wrong_type_reads_as_the_default(qsettings_in_tmp):
    raw = ui_settings.store()
    raw.setValue("main_window/geometry", "not a byte array")
    raw.setValue("recent_files", 42)
    raw.sync()
    assert ui_settings.MAIN_WINDOW_GEOMETRY.get() is None
    assert ui_settings.RECENT_FILES.get() == []


def test_a_key_is_declared_only_once():
    with pytest.raises(ValueError, match="declared twice"):
        ui_settings.TextSetting("screening/reviewer", "someone")


def test_settings_in_the_old_native_store_are_migrated_once(tmp_path):
    old = tmp_path / "Curator.conf"
    legacy = QSettings(str(old), QSettings.Format.IniFormat)
    legacy.setValue("recent_files", [str(old)])
    legacy.setValue("main_window/geometry", QByteArray(b"geometry"))
    legacy.setValue("exports/last_folder", str(tmp_path))
    legacy.setValue("someone_elses/key", "left behind")
    legacy.sync()
    new = tmp_path / "Curator.ini"
    ui_settings.use_file(new, legacy=old)

    assert ui_settings.recent_files() == [old]
    assert ui_settings.MAIN_WINDOW_GEOMETRY.get() == QByteArray(b"geometry")
    assert ui_settings.EXPORT_FOLDER.get() == str(tmp_path)
    assert not ui_settings.store().contains("someone_elses/key")
    assert ui_settings.SETTINGS_VERSION.get() == ui_settings.VERSION

    legacy.setValue("exports/last_folder", "/changed/later")  # not read a second time
    legacy.sync()
    ui_settings.use_file(new, legacy=old)
    assert ui_settings.EXPORT_FOLDER.get() == str(tmp_path)


def test_migration_keeps_what_the_new_file_already_holds(tmp_path):
    old, new = tmp_path / "Curator.conf", tmp_path / "Curator.ini"
    legacy = QSettings(str(old), QSettings.Format.IniFormat)
    legacy.setValue("screening/reviewer", "old name")
    legacy.setValue("screening/keys/include", "Y")
    legacy.sync()
    current = QSettings(str(new), QSettings.Format.IniFormat)
    current.setValue("screening/reviewer", "ana")  # the INI file keys.py already wrote
    current.sync()
    ui_settings.use_file(new, legacy=old)
    assert ui_settings.REVIEWER.get() == "ana"
    assert ui_settings.SCREENING_KEYS.value("include", "I") == "Y"
