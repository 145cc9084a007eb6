"""The UI-free domain: pure Python rules and catalogues. Imports nothing else of ours."""
