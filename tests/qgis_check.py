"""qgis_check.py: what the QGIS tests share: their checks, starting QGIS and ending the run.

The tests run with Debian's /usr/bin/python3 (python3-qgis); the script's folder is on the
module path, so `import qgis_check` finds this file.
"""
import os
import sys

try:
    from qgis.core import QgsApplication, QgsVectorLayer
except ImportError as e:
    print("Bail out! python3-qgis is missing: %s" % e)
    sys.exit(1)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("# FAIL: " + message)


def open_layer(uri, name):
    layer = QgsVectorLayer(uri, name, "ogr")
    check(layer.isValid(), "layer %s does not open" % name)
    return layer


def start_qgis():
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def summary():
    if failures:
        print("%d failures" % len(failures))
        return 1
    print("ok")
    return 0


def run(main):
    # No exitQgis(): with QGIS 3.22's bindings it, or Python's teardown after it, crashes (a
    # double free); the process ends with os._exit() once everything is checked.
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
