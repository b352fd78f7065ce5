#!/usr/bin/python3
"""test-qgis-export.py: QGIS opens what `wijkmix-cli export --gpkg/--geojson` writes.

Run by meson (QT_QPA_PLATFORM=offscreen, WIJKMIX_CLI set). The demo with a demolition and a
new build, exported: in the GeoPackage the layers proposals and facilities open in QGIS, each
valid, in EPSG:28992 and of one geometry type, with the proposals' attributes; the GeoJSON opens
in EPSG:4326 with every feature; the map of the exported layers renders.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from qgis_check import check, open_layer, run, start_qgis, summary  # noqa: E402

try:
    from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings,
                           QgsVectorLayer, QgsWkbTypes)
    from qgis.PyQt.QtCore import QSize
except ImportError as e:
    print("Bail out! python3-qgis is missing: %s" % e)
    sys.exit(1)

def main():
    cli = os.environ["WIJKMIX_CLI"]
    tmp = tempfile.mkdtemp(prefix="wijkmix-qgis-export-")
    os.environ["XDG_RUNTIME_DIR"] = tmp
    project = os.path.join(tmp, "demo.wijkmix")
    subprocess.run([cli, "new", project, "--demo"], check=True, stdout=subprocess.DEVNULL)

    # A demolition of a building with dwellings and a new build on its spot.
    db = sqlite3.connect(project)
    building = db.execute("SELECT building_id FROM buildings WHERE area_id IS NOT NULL"
                          " LIMIT 1").fetchone()[0]
    db.close()
    changes = os.path.join(tmp, "changes.json")
    with open(changes, "w") as f:
        json.dump({"version": 1, "srs_id": 28992, "proposals": [
            {"id": "p-sloop", "kind": "demolish", "year": 2027, "buildings": [building]},
            {"id": "p-nieuw", "kind": "new_build", "year": 2028, "name": "Nieuwbouw",
             "dwellings": {"social_rent": 6, "mid_rent": 4},
             "geometry": {"type": "Polygon", "coordinates": [[[190300, 448900],
                                                              [190330, 448900],
                                                              [190330, 448930],
                                                              [190300, 448930]]]}},
        ]}, f)
    result = subprocess.run([cli, "apply", project, changes], capture_output=True, text=True)
    check(result.returncode == 0, "wijkmix-cli apply failed: %s" % result.stderr)

    gpkg = os.path.join(tmp, "plan.gpkg")
    geojson = os.path.join(tmp, "plan.geojson")
    result = subprocess.run([cli, "export", project, "--gpkg", gpkg, "--geojson", geojson],
                            capture_output=True, text=True)
    check(result.returncode == 0, "wijkmix-cli export failed: %s" % result.stderr)

    app = start_qgis()

    layers = {}
    for name, geometry in (("proposals", QgsWkbTypes.PolygonGeometry),
                           ("facilities", QgsWkbTypes.PointGeometry)):
        layer = open_layer("%s|layername=%s" % (gpkg, name), name)
        layers[name] = layer
        check(layer.crs().authid() == "EPSG:28992",
              "%s has CRS %r, not EPSG:28992" % (name, layer.crs().authid()))
        check(QgsWkbTypes.geometryType(layer.wkbType()) == geometry,
              "%s is %s" % (name, QgsWkbTypes.displayString(layer.wkbType())))
    proposals = {f["id"]: f for f in layers["proposals"].getFeatures()}
    check(sorted(proposals) == ["p-nieuw", "p-sloop"], "proposals: %s" % sorted(proposals))
    if "p-nieuw" in proposals:
        new = proposals["p-nieuw"]
        check(new["kind"] == "new_build" and new["year"] == 2028 and new["name"] == "Nieuwbouw",
              "the new build reads %s" % new.attributes())
        check(new["after_social_rent"] == 6 and new["after_mid_rent"] == 4
              and new["dwellings_before"] == 0, "the new build's dwellings: %s" % new.attributes())
        check(abs(new.geometry().area() - 900) < 1e-6,
              "the new build's footprint is %s m²" % new.geometry().area())
    if "p-sloop" in proposals:
        gone = proposals["p-sloop"]
        check(gone["building_ids"] == building and gone["dwellings_after"] == 0
              and gone["dwellings_before"] > 0, "the demolition reads %s" % gone.attributes())
        check(not gone.geometry().isNull(), "the demolition has no footprint")
    statuses = {f["status"] for f in layers["facilities"].getFeatures()}
    check(statuses == {"existing"}, "facility statuses: %s" % statuses)
    check(layers["facilities"].featureCount() > 0, "no facilities")

    collection = open_layer(geojson, "geojson")
    check(collection.crs().authid() == "EPSG:4326",
          "the GeoJSON has CRS %r, not EPSG:4326" % collection.crs().authid())
    check(collection.featureCount() == 2 + layers["facilities"].featureCount(),
          "the GeoJSON holds %d features" % collection.featureCount())
    extent = collection.extent()
    check(5.5 < extent.xMinimum() < extent.xMaximum() < 6.2
          and 51.8 < extent.yMinimum() < extent.yMaximum() < 52.3,
          "the GeoJSON is not around Otterlo in longitude, latitude: %s" % extent.toString())

    settings = QgsMapSettings()
    settings.setLayers([layers["proposals"], layers["facilities"]])
    settings.setDestinationCrs(layers["proposals"].crs())
    extent = layers["facilities"].extent()
    extent.combineExtentWith(layers["proposals"].extent())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(400, 300))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    check(not image.isNull() and image.width() == 400, "the map did not render")
    background = image.pixel(0, 0)
    drawn = any(image.pixel(x, y) != background for x in range(0, 400, 3) for y in range(0, 300, 3))
    check(drawn, "the rendered map is blank")
    del layers, collection, settings, job

    # No exitQgis(): with QGIS 3.22's bindings it crashes (see test-qgis.py).
    shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    run(main)
