#!/usr/bin/python3
"""test-qgis.py: QGIS sees what Wijkmix sees, and a save keeps what QGIS stored.

Run by meson (QT_QPA_PLATFORM=offscreen, WIJKMIX_CLI set). With QGIS's Python bindings
(python3-qgis): a project made by wijkmix-cli opens in QGIS with every layer valid, in
EPSG:28992 and of one geometry type; the map renders; a style saved into the file and a
facility added through QGIS survive Wijkmix opening and saving the file; GDAL's
validate_gpkg.py finds nothing to report before and after.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

VALIDATE = [
    "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
    "/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
]

from qgis_check import check, run, start_qgis, summary  # noqa: E402

try:
    from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsMapRendererSequentialJob,
                           QgsMapSettings, QgsPointXY, QgsProviderRegistry, QgsRectangle,
                           QgsVectorLayer, QgsWkbTypes)
    from qgis.PyQt.QtCore import QSize
except ImportError as e:
    print("Bail out! python3-qgis is missing: %s" % e)
    sys.exit(1)

def validate(path):
    script = next((p for p in VALIDATE if os.path.exists(p)), None)
    check(script is not None, "validate_gpkg.py not found (python3-gdal)")
    if script is None:
        return
    result = subprocess.run([sys.executable, script, path], capture_output=True, text=True)
    check(result.returncode == 0 and result.stdout.strip() == "" and result.stderr.strip() == "",
          "validate_gpkg.py on %s: rc %d, %s %s" % (path, result.returncode, result.stdout,
                                                     result.stderr))


def sublayers(path):
    """(name, geometry type) of every layer QGIS's OGR provider lists in the file."""
    layer = QgsVectorLayer(path, "all", "ogr")
    out = []
    for entry in layer.dataProvider().subLayers():
        parts = entry.split(QgsProviderRegistry.instance().providerMetadata("ogr").sublayerSeparator()
                            if hasattr(QgsProviderRegistry.instance().providerMetadata("ogr"),
                                       "sublayerSeparator") else "!!::!!")
        out.append((parts[1], parts[3]))
    return out


def open_layer(path, name):
    layer = QgsVectorLayer("%s|layername=%s" % (path, name), name, "ogr")
    check(layer.isValid(), "layer %s does not open" % name)
    return layer


def main():
    cli = os.environ["WIJKMIX_CLI"]
    tmp = tempfile.mkdtemp(prefix="wijkmix-qgis-")
    # Qt wants a private runtime directory.
    os.environ["XDG_RUNTIME_DIR"] = tmp
    path = os.path.join(tmp, "plan.gpkg")
    subprocess.run([cli, "new", path, "--demo"], check=True, stdout=subprocess.DEVNULL)
    validate(path)

    app = start_qgis()

    spatial = ["areas", "buildings", "facilities", "proposals_point", "proposals_line",
               "proposals_polygon", "proposals_multipolygon", "basemap_road", "basemap_water",
               "basemap_green", "basemap_terrain", "basemap_building", "basemap_label"]
    listed = sublayers(path)
    names = [name for name, _ in listed]
    print("# layers: %s" % listed)
    for name in spatial:
        check(names.count(name) == 1, "%s listed %d times (one geometry type each)"
              % (name, names.count(name)))
        layer = open_layer(path, name)
        check(layer.crs().authid() == "EPSG:28992",
              "%s has CRS %r, not EPSG:28992" % (name, layer.crs().authid()))
        check(QgsWkbTypes.geometryType(layer.wkbType()) not in (QgsWkbTypes.UnknownGeometry,
                                                                 QgsWkbTypes.NullGeometry),
              "%s has no single geometry type (%s)" % (name, QgsWkbTypes.displayString(
                  layer.wkbType())))

    # The address book is an attributes table; area figures and the tenure source are fields.
    check(names.count("wijkmix_addresses") == 1, "wijkmix_addresses is not listed")
    addresses = open_layer(path, "wijkmix_addresses")
    check(QgsWkbTypes.geometryType(addresses.wkbType()) == QgsWkbTypes.NullGeometry,
          "wijkmix_addresses is not an attributes table")
    check(addresses.fields().indexOf("key") >= 0 and addresses.fields().indexOf("building_id") >= 0,
          "wijkmix_addresses lacks key or building_id")
    for layer_name, field in (("areas", "has_figures"), ("areas", "pct_corporation_rent"),
                              ("buildings", "tenure")):
        check(open_layer(path, layer_name).fields().indexOf(field) >= 0,
              "%s has no field %s" % (layer_name, field))
    del addresses

    # Draw the map.
    layers = [open_layer(path, n) for n in ("basemap_water", "basemap_green", "buildings",
                                            "facilities")]
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[2].crs())
    settings.setExtent(layers[2].extent())
    settings.setOutputSize(QSize(400, 300))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    check(not image.isNull() and image.width() == 400, "the map did not render")
    background = image.pixel(0, 0)
    drawn = any(image.pixel(x, y) != background for x in range(0, 400, 7) for y in range(0, 300, 7))
    check(drawn, "the rendered map is blank")

    # A style and a facility, stored by QGIS.
    facilities = open_layer(path, "facilities")
    n_before = facilities.featureCount()
    message = facilities.saveStyleToDatabase("wijkmix-test-style", "from test-qgis.py", True, "")
    check(message == "" or message is None, "saveStyleToDatabase: %s" % message)
    feature = QgsFeature(facilities.fields())
    feature.setAttribute("facility_id", "f-qgis")
    feature.setAttribute("type", "school")
    feature.setAttribute("name", "School added in QGIS")
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(190600, 448500)))
    ok, _ = facilities.dataProvider().addFeatures([feature])
    check(ok, "QGIS could not add a facility")
    # A building drawn in QGIS: its fields get the layer's defaults, as QGIS's form gives them
    # (the tenure source "stated", no dwellings).
    buildings = open_layer(path, "buildings")
    feature = QgsFeature(buildings.fields())
    for i in range(buildings.fields().count()):
        default = buildings.dataProvider().defaultValue(i)
        if default is not None and (not hasattr(default, "isNull") or not default.isNull()):
            feature.setAttribute(i, default)
    feature.setAttribute("building_id", "b-qgis")
    feature.setGeometry(QgsGeometry.fromWkt(
        "MULTIPOLYGON(((190600 448500, 190610 448500, 190610 448510, 190600 448510,"
        " 190600 448500)))"))
    ok, _ = buildings.dataProvider().addFeatures([feature])
    check(ok, "QGIS could not add a building")
    del facilities, buildings, layers, settings, job

    # Wijkmix opens and saves the file.
    changes = os.path.join(tmp, "changes.json")
    # A renovation names the building it renovates (a proposal that does not fit is refused).
    db = sqlite3.connect(path)
    building = db.execute("SELECT building_id FROM buildings LIMIT 1").fetchone()[0]
    db.close()
    with open(changes, "w") as f:
        json.dump({"version": 1, "srs_id": 28992,
                   "proposals": [{"id": "p-after-qgis", "kind": "renovate", "year": 2031,
                                  "buildings": [building]}]}, f)
    result = subprocess.run([cli, "apply", path, changes], capture_output=True, text=True)
    check(result.returncode == 0, "wijkmix-cli apply failed: %s" % result.stderr)
    result = subprocess.run([cli, "indicators", path, "--json"], capture_output=True, text=True)
    check(result.returncode == 0, "wijkmix-cli indicators failed: %s" % result.stderr)

    # QGIS finds its style and the facility again.
    facilities = open_layer(path, "facilities")
    check(facilities.featureCount() == n_before + 1,
          "facilities: %d features, expected %d" % (facilities.featureCount(), n_before + 1))
    found = [f for f in facilities.getFeatures() if f["facility_id"] == "f-qgis"]
    check(len(found) == 1, "the facility added in QGIS is gone")
    count, ids, styles, _, _ = facilities.listStylesInDatabase()
    check("wijkmix-test-style" in styles, "the style saved in QGIS is gone: %s" % styles)
    db = sqlite3.connect(path)
    tenure = db.execute("SELECT tenure FROM buildings WHERE building_id = 'b-qgis'").fetchone()
    db.close()
    check(tenure is not None and tenure[0] == "stated",
          "the building added in QGIS has tenure %r, not 'stated'" % (tenure,))
    check(open_layer(path, "proposals_no_geometry").featureCount() >= 1,
          "the proposal Wijkmix added is not in proposals_no_geometry")
    del facilities
    validate(path)

    # No exitQgis(): with QGIS 3.22's bindings it, or Python's teardown after it, crashes (a
    # double free); the process ends with os._exit() once everything is checked.
    shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    run(main)
