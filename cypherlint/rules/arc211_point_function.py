from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import map_entries

_CARTESIAN = {"x", "y", "z"}


class PointFunction(Rule):
    """Spatial functions (`point({x, y})`, `point.distance`, `distance`) fail on older ArcadeDB releases.

    **What it does.** Flags `point({...})`, `point.distance(...)`, `point.withinBBox(...)` and the
    Neo4j 4 `distance(...)`.

    **Why it breaks on ArcadeDB.** `point` and `distance` entered the native function table in
    26.3.1 and `point.distance` in 26.4.2 (source history). Measured: on 26.2.1 `point({x: 0, y: 0})`
    fails with "point() requires X and Y as parameters", and on 26.3.2 with "point() requires
    latitude and longitude as parameters" (cartesian points are rejected); 26.5.1 and later compute
    Neo4j's values. The legacy engine has no spatial functions.

    **Example.** `RETURN point.distance(point({x: 0, y: 0}), point({x: 3, y: 4})) AS v`

    **Use instead.** On releases without spatial support, store coordinates as numbers and compute
    the distance: `sqrt((a.x - b.x)^2 + (a.y - b.y)^2)` for cartesian points.

    **Fix safety.** No fix: no rewrite was verified on the affected releases.
    """

    code = "ARC211"
    name = "point-function"
    summary = "point({..}), point.distance() and distance() fail before ArcadeDB 26.5 (cartesian) / 26.3"
    constructs = ("fn.point", "fn.point.geo", "fn.point.distance", "fn.distance")
    node_types = (P.FunctionInvocationContext,)

    def visit(self, node, ctx) -> None:
        name = analysis.function_name(node)
        if name == "point":
            construct = self._point_construct(node)
        elif name in ("point.distance", "point.withinbbox"):
            construct = "fn.point.distance"
        elif name == "distance":
            construct = "fn.distance"
        else:
            return
        affected = ctx.affected(construct)
        if affected is None:
            return
        ctx.report(self, node.functionName(), f"{ctx.source(node.functionName())}() {affected.where}",
                   hint="compute the distance from stored coordinates, e.g. sqrt((a.x - b.x)^2 + (a.y - b.y)^2)")

    @staticmethod
    def _point_construct(node) -> str:
        args = node.expression()
        if len(args) == 1 and isinstance(args[0], P.MapLiteralExpressionContext):
            keys = {analysis.name_text(k).lower() for k, _ in map_entries(None, args[0].mapLiteral())}
            if keys & _CARTESIAN:
                return "fn.point"
            return "fn.point.geo"
        return "fn.point"
