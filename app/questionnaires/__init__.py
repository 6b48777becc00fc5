"""Questionnaires: an instrument's form for one reporting cycle, built from bank questions and
local questions, with sections, loops and skip logic."""
