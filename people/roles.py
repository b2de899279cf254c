"""The newsroom's roles, as Django groups.

The groups and their permissions are created by migrations
(``people/migrations/0002_roles.py`` and later ones), never by hand; code
refers to them by these names.
"""

REPORTER = "记者"
PHOTOGRAPHER = "摄影记者"
EDITOR = "编辑"
CHIEF_EDITOR = "总编"

ALL = (REPORTER, PHOTOGRAPHER, EDITOR, CHIEF_EDITOR)

#: How far each role reaches: staff may be given a role only up to their own.
RANK = {REPORTER: 1, PHOTOGRAPHER: 1, EDITOR: 2, CHIEF_EDITOR: 3}
