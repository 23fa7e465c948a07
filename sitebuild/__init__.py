"""The build code of the «Береги себя» site, in plain Python with no MkDocs import.

One module or subpackage per concern: key dates (`keydates`), the glossary, the search index
(`search`), the offline copy (`offline`), translation checks (`translations`), interface strings
(`interface`), and the shared pieces: the language list (`languages`, read from mkdocs.yml), site
paths (`urls`), writing output (`output`) and YAML with line numbers (`yaml_lines`). The MkDocs
hooks in hooks/ are thin adapters around these; a command line or another generator can call them.
"""
