"""ANTLR-generated lexer and parser. Never edit by hand: see scripts/regen_parser.py."""
