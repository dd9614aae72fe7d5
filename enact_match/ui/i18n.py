"""Installing the interface language: the app's own translations and Qt's, switchable while running.

English is the source language (no translator needed); French uses `enact_match_fr.qm` shipped in
`resources/translations/` and Qt's `qtbase_fr.qm` (standard buttons and dialogs). Installing or
removing translators makes Qt send a LanguageChange event to every widget, which calls its
`retranslate_ui()`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from enact_match.paths import resource_path

LANGUAGES = ("fr", "en")

_installed: list[QTranslator] = []


class Retranslating:
    """Mixin for widgets (put it first among the bases): `retranslate_ui()` runs again whenever the
    interface language changes, so that a switch in the settings takes effect at once."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]


def system_language() -> str:
    """French for a French system locale, English otherwise."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def resolve_language(choice: str) -> str:
    """The language to use for a settings value ("fr", "en", or empty for the system's)."""
    return choice if choice in LANGUAGES else system_language()


def current_language() -> str:
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def install_language(language: str) -> bool:
    """Switch the interface (and number and date formats) to `language`; False if a file is missing."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.French if language == "fr" else QLocale.Language.English,
            QLocale.Country.France if language == "fr" else QLocale.Country.UnitedKingdom,
        )
    )
    if language == "en":
        return True  # English is the source language; removing translators told every widget
    complete = True
    own = QTranslator(app)
    if own.load(f"enact_match_{language}", str(resource_path("translations"))):
        app.installTranslator(own)
        _installed.append(own)
    else:
        complete = False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return complete
