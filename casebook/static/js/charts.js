/* casebook statistics: draws the charts of the page with the vendored ECharts (SVG renderer).
 * No inline script: each chart is a <div data-chart="ID"> whose data is in <script type="application/json" id="ID">.
 * A bar or slice with a URL opens the list of the cases it counts. Also shows only the period fields that apply. */
(function () {
  "use strict";

  /* ECharts' SVG renderer writes `style="…"` attributes on the SVG elements it draws. Under the CSP
   * (style-src 'self', no 'unsafe-inline') the browser refuses style attributes, but not the CSSOM: so a style
   * attribute set on an SVG element goes through element.style instead. Nothing else in the app is affected. */
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof SVGElement && String(name).toLowerCase() === "style") {
      this.style.cssText = value;
      return;
    }
    return setAttribute.call(this, name, value);
  };

  var PALETTE = ["#2f6fb3", "#2e7d32", "#b26a00", "#8e44ad", "#b3261e", "#16808a", "#616e7c", "#c2185b"];

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) { return null; }
    try { return JSON.parse(source.textContent); } catch (e) { return null; }
  }

  function narrow() { return window.matchMedia("(max-width: 760px)").matches; }

  function barOptions(data) {
    return {
      color: PALETTE,
      tooltip: { trigger: "axis", confine: true, renderMode: "richText" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, urls: s.urls, barMaxWidth: 28 };
      })
    };
  }

  function hbarOptions(data) {
    var labelWidth = narrow() ? 90 : 180;
    return {
      color: PALETTE,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true, renderMode: "richText" },
      grid: { left: 8, right: narrow() ? 110 : 150, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, splitNumber: narrow() ? 2 : 5, axisLabel: { hideOverlap: true } },
      yAxis: {
        type: "category", data: data.categories,
        axisLabel: { width: labelWidth, overflow: "truncate" }
      },
      series: data.series.map(function (s) {
        return {
          name: s.name, type: "bar", data: s.data, urls: s.urls, barMaxWidth: 22,
          label: {
            show: true, position: "right",
            formatter: function (p) { return s.labels ? s.labels[p.dataIndex] : p.value; }
          }
        };
      })
    };
  }

  function pieOptions(data) {
    var s = data.series[0] || { data: [], urls: [] };
    return {
      color: PALETTE,
      tooltip: { trigger: "item", confine: true, renderMode: "richText", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, type: "scroll" },
      series: [{
        name: s.name, type: "pie", radius: narrow() ? ["30%", "58%"] : ["35%", "65%"], center: ["50%", "45%"],
        data: s.data, urls: s.urls, label: { formatter: "{b}\n{c}" }, avoidLabelOverlap: true
      }]
    };
  }

  var BUILDERS = { bar: barOptions, hbar: hbarOptions, pie: pieOptions };

  function isEmpty(data) {
    return !data.series.some(function (s) {
      return s.data.some(function (v) { return (v && typeof v === "object" ? v.value : v) > 0; });
    });
  }

  function draw(el) {
    var data = readData(el);
    if (!data || !BUILDERS[data.type] || typeof echarts === "undefined") { return null; }
    if (isEmpty(data)) {
      el.classList.add("chart-empty");
      el.textContent = el.getAttribute("data-empty") || "—";
      return null;
    }
    if (data.type === "hbar") {
      el.classList.add("chart-rows-" + Math.min(15, data.categories.length));
    }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(BUILDERS[data.type](data));
    chart.on("click", function (params) {
      var series = data.series[params.seriesIndex] || {};
      var url = series.urls && series.urls[params.dataIndex];
      if (url) { window.location.assign(url); }
    });
    el.setAttribute("data-ready", "1");
    return chart;
  }

  function periodFields() {
    var form = document.getElementById("stats-picker");
    if (!form) { return; }
    var kind = form.querySelector("select[name=period]");
    if (!kind) { return; }
    function update() {
      var fields = form.querySelectorAll("[class*=when-]");
      Array.prototype.forEach.call(fields, function (field) {
        field.hidden = !field.classList.contains("when-" + kind.value);
      });
    }
    kind.addEventListener("change", update);
    update();
  }

  function init() {
    periodFields();
    var charts = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (el) {
      var chart = draw(el);
      if (chart) { charts.push(chart); }
    });
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        charts.forEach(function (chart) { chart.resize(); });
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());

/* Print buttons: <button data-print> (no inline onclick under the CSP). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print]") : null;
    if (target) { window.print(); }
  });
}());
