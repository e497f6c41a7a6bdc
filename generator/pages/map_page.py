"""The catalogue's map page: the cities as points, the views (the world,
then each region) with their targets laid out by world_map.layout, and the
list of cities below the map, for a CatalogueView."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from generator.pages import links
from generator.pages.world_map import REFERENCE_WIDTHS, WORLD, layout, region_box, to_svg
from generator.text import sort_key


def map_points(view: Any, from_page: str) -> list[dict]:
    """Each city of ``view`` (a CatalogueView) as a point of the map, the
    biggest first."""
    points = []
    for city in view.cities.values():
        x, y = to_svg(city.longitude, city.latitude)
        count = len(city.practices)
        points.append({
            "key": city.key, "x": x, "y": y, "count": count,
            "name": view.label(city.name), "country": view.country(city.country),
            "region": view.vocab.region_of(city.country) or "",
            "href": links.url_link(from_page, links.city_page(city.key)),
        })
    # The biggest first: they seed the groups and get their names shown first.
    return sorted(points, key=lambda point: (-point["count"], sort_key(point["name"]), point["key"]))

def map_views(view: Any, points: list[dict]) -> dict:
    """The map's views (the world, then each region with cities) and,
    for each view and reference width, its targets: cities, or groups
    of cities too close to tell apart by finger (world_map.layout)."""
    by_key = {point["key"]: point for point in points}
    views = [{"key": "world", "name": view.gettext("Whole world"), "box": WORLD}]
    for region in view.vocab.regions:
        mine = [(p["x"], p["y"]) for p in points if p["region"] == region]
        if mine:
            views.append({"key": region, "name": view.region(region), "box": region_box(mine)})
    cities = [(p["key"], p["x"], p["y"]) for p in points]
    names = {p["key"]: p["name"] for p in points}
    layers = []
    for view in views:
        for size, width in REFERENCE_WIDTHS.items():
            box = view["box"]
            markers = []
            for marker in layout(cities, box, width, spread=view["key"] != "world", names=names):
                members = [by_key[key] for key in marker.members]
                regions = Counter(member["region"] for member in members)
                markers.append({
                    "x": marker.x, "y": marker.y, "anchor": marker.anchor, "label": marker.label,
                    "members": sorted(members, key=lambda m: sort_key(m["name"])),
                    "city": members[0] if len(members) == 1 else None,
                    # A group opens the region most of its cities are in (the list below the map without script).
                    "zoom": regions.most_common(1)[0][0] if view["key"] == "world" else "",
                })
            layers.append({
                "view": view["key"], "size": size, "reference": int(width), "box": box,
                "unit": round(box.width / width, 4),  # map units per CSS px at the reference width
                "markers": markers,
            })
    return {"views": views, "layers": layers, "regions": [v for v in views if v["key"] != "world"]}

def map_cities_by_region(view: Any) -> list[tuple[str, str, list[Any]]]:
    """The list below the map: (region code, name, cities), the regions in their order."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for city in view.cities.values():
        grouped[view.vocab.region_of(city.country) or ""].append(city)
    order = [r for r in view.vocab.regions if r in grouped] + [r for r in grouped if r not in view.vocab.regions]
    return [(region, view.region(region) if region else view.gettext("Other"), grouped[region]) for region in order]
