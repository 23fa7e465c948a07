"""The site's languages, for the plain-Python tools (mkdocs.yml lists the same three)."""

LANGUAGES: tuple[str, ...] = ("ru", "ky", "kk")
DEFAULT_LANGUAGE = "ru"
# Each language's own name for itself.
NAMES = {"ru": "Русский", "ky": "Кыргызча", "kk": "Қазақша"}
