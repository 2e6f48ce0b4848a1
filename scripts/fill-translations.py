#!/usr/bin/env python3
# Fills resources/translations/tickets-desktop_en.ts from scripts/translations_en.py and fails
# (listing them) when a source string has no English yet. Run after
#   cmake --build build --target update_translations
import sys, os
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.dirname(__file__))
from translations_en import EN, BY_CONTEXT

path = os.path.join(os.path.dirname(__file__), '..', 'resources', 'translations', 'tickets-desktop_en.ts')
tree = ET.parse(path)
missing = []
for context in tree.getroot().iter('context'):
    name = context.find('name').text
    for message in context.iter('message'):
        source = message.find('source').text
        english = BY_CONTEXT.get((name, source), EN.get(source))
        translation = message.find('translation')
        if english is None:
            missing.append(f'{name}: {source!r}')
            continue
        translation.attrib.pop('type', None)
        for child in list(translation):
            translation.remove(child)
        if isinstance(english, tuple):
            translation.text = None
            for form in english:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = english
with open(path, 'w', encoding='utf-8') as out:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    out.write(ET.tostring(tree.getroot(), encoding='unicode'))
    out.write('\n')
if missing:
    print('no English yet for:\n  ' + '\n  '.join(missing), file=sys.stderr)
    sys.exit(1)
