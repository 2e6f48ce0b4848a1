#!/usr/bin/env python3
"""Checks the folder include graph of common/, server/ and client/ from the sources.

Every `#include "folder/File.h"` is an edge from the including file's folder to the folder
that holds the header. The check fails when the graph has a cycle, when common/ includes
anything of server/ or client/, or when server/ and client/ include each other. (The build
enforces each layer's direction too: a layer only sees the headers of what it links.)

    scripts/check-layers.py            check; print each folder and what it uses
    scripts/check-layers.py --quiet    check only
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREES = ("common", "server", "client")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def folders():
    """folder ('server/storage') -> list of (file, included path)."""
    found = {}
    for tree in TREES:
        base = os.path.join(ROOT, tree)
        for directory, _, files in os.walk(base):
            for name in files:
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(directory, name)
                folder = os.path.relpath(directory, ROOT)
                with open(path, encoding="utf-8") as source:
                    for included in INCLUDE.findall(source.read()):
                        found.setdefault(folder, []).append((os.path.relpath(path, ROOT), included))
                found.setdefault(folder, [])
    return found


def resolve(included):
    """The folder of an included header, or None for a generated or foreign one."""
    for tree in TREES:
        if os.path.isfile(os.path.join(ROOT, tree, included)):
            return os.path.join(tree, os.path.dirname(included))
    return None


def graph():
    edges = {}
    for folder, includes in folders().items():
        edges.setdefault(folder, {})
        for path, included in includes:
            target = resolve(included)
            if target and target != folder:
                edges[folder].setdefault(target, path)
    return edges


def find_cycle(edges):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges.get(node, {})):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def main():
    quiet = "--quiet" in sys.argv
    edges = graph()
    problems = []
    cycle = find_cycle(edges)
    if cycle:
        problems.append("include cycle: " + " -> ".join(cycle))
    for folder, targets in sorted(edges.items()):
        tree = folder.split(os.sep)[0]
        for target, example in sorted(targets.items()):
            other = target.split(os.sep)[0]
            if tree == "common" and other != "common":
                problems.append(f"common includes {target} ({example})")
            if {tree, other} == {"server", "client"}:
                problems.append(f"{folder} includes {target} ({example})")
    if not quiet:
        for folder, targets in sorted(edges.items()):
            print(f"{folder:22} uses {', '.join(sorted(targets)) or '-'}")
    for problem in problems:
        print("check-layers: " + problem, file=sys.stderr)
    if problems:
        return 1
    if not quiet:
        print(f"check-layers: {len(edges)} folders, no cycle, common includes only common")
    return 0


if __name__ == "__main__":
    sys.exit(main())
