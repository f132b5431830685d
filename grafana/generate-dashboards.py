#!/usr/bin/env python3
"""Writes grafana/dashboards/*.json: the spec's four dashboards, every panel a query-api query
through the Infinity data source (uid "query-api"), so each is authenticated, role-checked and
audited. Edit here and re-run (python3 grafana/generate-dashboards.py); query-api's
GrafanaDashboardsIT runs every panel's query against a seeded query-api."""
import json
import os

DS = {"type": "yesoreyeram-infinity-datasource", "uid": "query-api"}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")


def target(ref, url, params, columns, root="", fmt="table"):
    return {
        "refId": ref, "datasource": DS, "type": "json", "source": "url", "parser": "backend",
        "format": fmt, "url": url,
        "url_options": {"method": "GET", "data": "", "params": [{"key": k, "value": v} for k, v in params]},
        "root_selector": root, "columns": columns,
    }


def col(selector, text, kind):
    return {"selector": selector, "text": text, "type": kind}


def metric(ref, name, step, extra=(), group=None, label="value"):
    params = [("from", "${__from}"), ("to", "${__to}"), ("step", step), ("format", "table")] + list(extra)
    cols = [col("time", "Time", "timestamp"), col("value", label, "number")]
    # an empty group_by asks for the total even of metrics grouped by default
    params.append(("group_by", group or ""))
    if group:
        cols.append(col(group, group, "string"))
    return target(ref, "/api/v1/metrics/" + name, params, cols)


def aggregation(ref, name, frm, group=None, top=None, label="value"):
    params = [("metric", name), ("from", frm), ("to", "now"), ("format", "table")]
    cols = []
    params.append(("group_by", group or ""))
    if group:
        cols.append(col(group, group, "string"))
    if top:
        params.append(("top", str(top)))
    cols.append(col("value", label, "number"))
    return target(ref, "/api/v1/aggregations", params, cols)


def widget(ref, dashboard, wid, root, columns):
    return target(ref, f"/api/v1/dashboards/{dashboard}/widgets/{wid}", [], columns, root=root)


class Board:
    def __init__(self, uid, title, refresh, time_from):
        self.uid, self.title, self.refresh, self.time_from = uid, title, refresh, time_from
        self.panels, self.x, self.y, self.row_h = [], 0, 0, 0

    def add(self, kind, title, targets, w=12, h=8, unit=None, options=None, field=None, transformations=None,
            description=None, time_from=None):
        if self.x + w > 24:
            self.x, self.y = 0, self.y + self.row_h
            self.row_h = 0
        defaults = {"unit": unit} if unit else {}
        defaults.update(field or {})
        panel = {
            "id": len(self.panels) + 1, "type": kind, "title": title, "datasource": DS,
            "gridPos": {"x": self.x, "y": self.y, "w": w, "h": h},
            "targets": targets, "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": options or {},
        }
        if description:
            panel["description"] = description
        if transformations:
            panel["transformations"] = transformations
        if time_from:
            panel["timeFrom"] = time_from
        self.panels.append(panel)
        self.x += w
        self.row_h = max(self.row_h, h)

    def json(self):
        return {
            "uid": "cea-" + self.uid, "title": "Call Exchange · " + self.title, "tags": ["call-exchange"],
            "timezone": "utc", "schemaVersion": 39, "version": 1, "editable": True,
            "refresh": self.refresh, "time": {"from": self.time_from, "to": "now"},
            "timepicker": {"refresh_intervals": ["1s", "5s", "10s", "30s", "1m", "5m", "15m"]},
            "templating": {"list": []}, "annotations": {"list": []}, "panels": self.panels,
        }


def stat_options(values=False):
    return {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": values},
            "colorMode": "value", "graphMode": "none", "textMode": "auto", "orientation": "auto"}


def thresholds(*steps):
    return {"thresholds": {"mode": "absolute", "steps": [{"color": c, "value": v} for c, v in steps]}}


# Grafana's built-in gazetteer of US states: two-letter code (key) or name -> the state's centre.
USA_STATES = "public/gazetteer/usa-states.json"


def state_map(state_field, value_field):
    """Options of a geomap panel with one marker per US state: the marker is placed by looking the
    state code of `state_field` up in Grafana's USA states gazetteer and is sized and coloured by
    `value_field` (field names are the Infinity columns' text)."""
    return {
        "view": {"id": "coords", "lat": 38.5, "lon": -97.5, "zoom": 2.9, "allLayers": True},
        "controls": {"showZoom": True, "mouseWheelZoom": False, "showAttribution": True, "showScale": False,
                     "showMeasure": False, "showDebug": False},
        "basemap": {"type": "default", "name": "Basemap", "config": {}},
        "layers": [{
            "type": "markers", "name": "Active calls", "tooltip": True,
            "location": {"mode": "lookup", "lookup": state_field, "gazetteer": USA_STATES},
            "config": {
                "showLegend": True,
                "style": {
                    "color": {"field": value_field, "fixed": "dark-green"},
                    "size": {"field": value_field, "fixed": 5, "min": 4, "max": 30},
                    "opacity": 0.6,
                    "symbol": {"mode": "fixed", "fixed": "img/icons/marker/circle.svg"},
                    "rotation": {"fixed": 0, "min": -360, "max": 360, "mode": "mod"},
                    "textConfig": {"fontSize": 12, "offsetX": 0, "offsetY": 0, "textAlign": "center",
                                   "textBaseline": "middle"},
                },
            },
        }],
        "tooltip": {"mode": "details"},
    }


BY_GROUP = [{"id": "partitionByValues", "options": {"fields": []}}]


def operations():
    b = Board("operations", "Operations", "1s", "now-1h")
    b.add("geomap", "Active calls by state", [aggregation("A", "concurrent_calls", "now-2m", "state", label="active calls")],
          w=8, options=state_map("state", "active calls"), field={"color": {"mode": "continuous-GrYlRd"}},
          description="Active calls per US state: one marker per state (placed by Grafana's built-in USA states "
                      "gazetteer from the state code), sized and coloured by the number of active calls.")
    b.add("timeseries", "Call volume · 1 min", [metric("A", "calls_per_minute", "1m", label="calls/min")], w=16)
    b.add("timeseries", "Call volume · 5 min", [metric("A", "calls_per_minute", "5m", label="calls/min")], w=12,
          time_from="6h")
    b.add("timeseries", "Call volume · 1 h", [metric("A", "calls_per_minute", "1h", label="calls/min")], w=12,
          time_from="48h")
    b.add("stat", "Service health", [aggregation("A", "service_health", "now-1m", "service", label="health")], w=12,
          options=stat_options(values=True),
          field=dict(thresholds(("red", None), ("orange", 0.5), ("green", 1)),
                     mappings=[{"type": "value", "options": {"1": {"text": "up"}, "0.5": {"text": "degraded"},
                                                             "0": {"text": "down"}}}]))
    b.add("stat", "Error-rate alerts: 5xx share (critical > 1 %)",
          [aggregation("A", "error_rate_by_service", "now-5m", "service", label="5xx share")], w=6, unit="percentunit",
          options=stat_options(values=True), field=thresholds(("green", None), ("orange", 0.005), ("red", 0.01)))
    b.add("stat", "API p99 latency (critical > 100 ms)", [aggregation("A", "api_p99_latency", "now-5m", label="p99")],
          w=3, unit="ms", options=stat_options(), field=thresholds(("green", None), ("orange", 80), ("red", 100)))
    b.add("stat", "Drop rate (critical > 5 %)", [aggregation("A", "drop_rate", "now-5m", label="drop rate")], w=3,
          unit="percentunit", options=stat_options(), field=thresholds(("green", None), ("orange", 0.03), ("red", 0.05)))
    b.add("barchart", "Top buyers by volume, last hour",
          [aggregation("A", "calls_by_buyer", "now-1h", "buyer_id", top=10, label="calls")], w=9)
    b.add("barchart", "Top sellers by volume, last hour",
          [aggregation("A", "calls_by_seller", "now-1h", "seller_id", top=10, label="calls")], w=9)
    b.add("stat", "Revenue run rate (per hour, last 15 min)",
          [aggregation("A", "revenue_per_hour", "now-15m", label="revenue/h")], w=6, unit="currencyUSD",
          options=stat_options())
    return b


def financial():
    b = Board("financial", "Financial", "10s", "now-48h")
    b.add("gauge", "Revenue today vs target",
          [widget("A", "financial", "revenue_vs_target", "data",
                  [col("ratio", "share of target", "number"), col("value", "revenue", "number"),
                   col("target", "target", "number")])],
          w=8, unit="percentunit", field=dict(thresholds(("red", None), ("orange", 0.8), ("green", 1)), min=0, max=1.2),
          options={"reduceOptions": {"calcs": ["lastNotNull"], "fields": "/share of target/", "values": False}})
    b.add("piechart", "Cost breakdown, last 24 h",
          [aggregation("A", "costs_by_category", "now-24h", "category", label="cost")], w=8, unit="currencyUSD",
          options={"reduceOptions": {"calcs": ["lastNotNull"], "values": True}, "pieType": "donut",
                   "legend": {"displayMode": "table", "placement": "right", "values": ["value"]}})
    b.add("stat", "Seller payout queue, last 30 days",
          [aggregation("A", "seller_payout_queue", "now-30d", label="queued")], w=8, unit="currencyUSD",
          options=stat_options())
    b.add("timeseries", "Gross margin", [metric("A", "gross_margin", "1h", label="gross margin")], w=12,
          unit="percentunit")
    b.add("timeseries", "Gross margin per call", [metric("A", "gross_margin_per_call", "1h", label="per call")],
          w=12, unit="currencyUSD")
    b.add("piechart", "Buyer payments by status, last 30 days",
          [aggregation("A", "buyer_payment_status", "now-30d", "status", label="amount")], w=8, unit="currencyUSD",
          options={"reduceOptions": {"calcs": ["lastNotNull"], "values": True}, "pieType": "pie"})
    b.add("table", "Revenue: day / week / month",
          [widget("A", "financial", "revenue_comparisons", "data.comparisons",
                  [col("period", "period", "string"), col("current", "current", "number"),
                   col("previous", "previous", "number"), col("growth", "growth", "number")])], w=16)
    return b


def quality():
    b = Board("quality", "Quality monitoring", "30s", "now-24h")
    b.add("barchart", "Call quality score distribution, last 24 h",
          [aggregation("A", "quality_score_distribution", "now-24h", "band", label="calls")], w=8)
    b.add("barchart", "Call duration histogram, last 24 h",
          [aggregation("A", "call_duration_distribution", "now-24h", "bucket", label="calls")], w=8)
    b.add("barchart", "Drop rate by reason, last 24 h",
          [aggregation("A", "drop_rate_by_reason", "now-24h", "drop_reason", label="share")], w=8, unit="percentunit")
    b.add("timeseries", "Drop rate", [metric("A", "drop_rate", "5m", label="drop rate")], w=12, unit="percentunit")
    b.add("timeseries", "Audio quality (MOS)",
          [metric("A", "audio_quality_score", "5m", label="mean MOS"), metric("B", "audio_quality_p05", "5m", label="p05 MOS")],
          w=12)
    b.add("table", "Customer complaints, last 7 days",
          [aggregation("A", "complaints", "now-7d", "category", label="complaints")], w=8)
    b.add("timeseries", "Complaints per hour", [metric("A", "complaints", "1h", label="complaints")], w=8,
          time_from="7d")
    b.add("table", "Agent performance scores, last 7 days",
          [aggregation("A", "agent_performance_score", "now-7d", "agent_id", top=20, label="score")], w=8)
    return b


def executive():
    b = Board("executive", "Executive summary", "5m", "now-30d")
    b.add("gauge", "Revenue vs target (today)",
          [widget("A", "executive", "revenue_vs_target", "data",
                  [col("ratio", "share of target", "number"), col("value", "revenue", "number")])],
          w=8, unit="percentunit", field=dict(thresholds(("red", None), ("orange", 0.8), ("green", 1)), min=0, max=1.2),
          options={"reduceOptions": {"calcs": ["lastNotNull"], "fields": "/share of target/", "values": False}})
    b.add("table", "Growth: day / week / month",
          [widget("A", "executive", "growth", "data.comparisons",
                  [col("metric", "metric", "string"), col("period", "period", "string"),
                   col("current", "current", "number"), col("previous", "previous", "number"),
                   col("growth", "growth", "number")])], w=16)
    b.add("stat", "Market share, last 30 days", [aggregation("A", "market_share", "now-30d", label="share")], w=6,
          unit="percentunit", options=stat_options())
    b.add("stat", "Customer acquisition cost, last 30 days",
          [aggregation("A", "customer_acquisition_cost", "now-30d", label="CAC")], w=6, unit="currencyUSD",
          options=stat_options())
    b.add("timeseries", "Market share per day", [metric("A", "market_share", "1d", label="share")], w=12,
          unit="percentunit")
    b.add("timeseries", "Churn rate per day", [metric("A", "churn_rate", "1d", label="churn")], w=12, unit="percentunit")
    b.add("timeseries", "Revenue forecast (least-squares trend), next 7 days",
          [widget("A", "executive", "revenue_forecast", "data.history",
                  [col("date", "Time", "timestamp"), col("value", "daily revenue", "number")]),
           widget("B", "executive", "revenue_forecast", "data.forecast",
                  [col("date", "Time", "timestamp"), col("value", "forecast", "number")])],
          w=12, unit="currencyUSD")
    return b


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for board in (operations(), financial(), quality(), executive()):
        with open(os.path.join(OUT, board.uid + ".json"), "w") as f:
            json.dump(board.json(), f, indent=2)
            f.write("\n")
        print("wrote", board.uid, len(board.panels), "panels")
