"""The help directory: organisations, their verified contacts and the emergency numbers, kept once
in help/services.yaml, checked (`load`), rendered on the help page and in the memos (`render`),
and dated against today only by the tests and `make status` (`age`)."""
