"""Loads pieces of the published CLANet code from the read-only mirror at run time (never committed here)."""
import ast
import os
import subprocess
import textwrap

MIRROR = os.environ.get("CLANET_MIRROR", "/work/.mirror/LeiTong02+CLANet/repo")


def source(path):
    return subprocess.run(["git", "-C", MIRROR, "show", "HEAD:" + path], check=True,
                          capture_output=True, text=True).stdout


def method_source(path, class_name, method_name):
    """The text of one method of one class, dedented so it can be exec'd as a plain function."""
    text = source(path)
    tree = ast.parse(text)
    lines = text.splitlines()
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method_name:
                    return textwrap.dedent("\n".join(lines[item.lineno - 1:item.end_lineno]))
    raise KeyError(f"{class_name}.{method_name} not in {path}")


def statements_containing(path, class_name, method_name, needles):
    """The published statements (one line each) of a method that contain each needle, in order, dedented."""
    body = method_source(path, class_name, method_name).splitlines()
    out = []
    for needle in needles:
        hits = [l.strip() for l in body if needle in l]
        if not hits:
            raise KeyError(needle)
        out.append(hits[0])
    return "\n".join(out)
