"""Exports: formatted .xlsx lists and official .docx documents generated from templates."""
