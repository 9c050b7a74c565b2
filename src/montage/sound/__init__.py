"""The sound wing: the synthesizer, the sounds of a session, the devices and the player."""
