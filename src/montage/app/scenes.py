"""Which theme the app wears: the user's own, or under ``montage`` each session's scene."""

from __future__ import annotations

from textual.app import App

from montage.app.theme import FOLLOWS_SCENES, SCENE_THEMES, THEMES
from montage.session.timeline import Timeline


class Scenes:
    """Dresses an app in a workout's scene for its session, and in the user's theme again
    after; a scene is never saved as the user's choice.

    Args:
        app: The app, whose montage themes are registered here.
        chosen: The theme the user chose (the settings'); ``montage`` lets scenes follow
            each workout.
    """

    def __init__(self, app: App[None], chosen: str) -> None:
        self.app = app
        for theme in THEMES:
            app.register_theme(theme)
        self.chosen = chosen
        self.worn: str | None = None
        """The scene being worn for a session, if any."""

    @property
    def follow(self) -> bool:
        """Whether sessions take their workout's scene (the user chose ``montage``)."""
        return self.chosen == FOLLOWS_SCENES or self.chosen not in self.app.available_themes

    def open(self, timeline: Timeline | None) -> None:
        """Set the first theme, before the app runs: a session's scene when it starts with
        one. Set without the theme's watcher: the stylesheet is not parsed yet, so it takes
        the theme's variables now instead of being parsed twice before the first frame."""
        app = self.app
        theme = self.chosen if not self.follow else FOLLOWS_SCENES
        if timeline is not None and self.follow:
            theme = self.worn = SCENE_THEMES[timeline.scene]
        app.set_reactive(App.theme, theme)
        app.stylesheet.set_variables(app.get_css_variables())
        app.set_class(True, f"-theme-{theme}")
        app.set_class(app.current_theme.dark, "-dark-mode")
        app.set_class(not app.current_theme.dark, "-light-mode")

    def show(self, timeline: Timeline | None) -> None:
        """Wear a workout's scene, or (None) the user's own theme again."""
        if not self.follow:
            return
        wanted = FOLLOWS_SCENES if timeline is None else SCENE_THEMES[timeline.scene]
        if self.app.theme != wanted:
            self.worn = None if timeline is None else wanted
            self.app.theme = wanted

    def changed(self, theme: str) -> bool:
        """Note a new theme; True when the user chose it (it is to be saved)."""
        if theme == self.worn:
            return False
        self.worn = None
        self.chosen = theme
        return True
