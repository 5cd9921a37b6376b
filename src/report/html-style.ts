// The report's only style sheet, inlined into the HTML: system fonts, print-friendly, no network.
export const STYLE = `
:root { color-scheme: light; }
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 980px; padding: 24px; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 26px; margin-bottom: 4px; } h2 { border-bottom: 2px solid #1f4e79; padding-bottom: 4px; margin-top: 36px; }
h3 { margin-top: 22px; } .meta { color: #555; font-size: 13px; }
.notice { border: 2px solid #e67e22; background: #fff6ec; padding: 10px 14px; margin: 14px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f3f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.rating { display: inline-block; min-width: 64px; text-align: center; font-weight: bold; border-radius: 3px; padding: 1px 8px; border: 1px solid #000; }
.rating-red { background: #c0392b; color: #fff; } .rating-amber { background: #f39c12; color: #000; }
.rating-green { background: #27ae60; color: #fff; } .rating-grey { background: #bdc3c7; color: #000; }
.sev { font-weight: bold; } .sev-critical, .sev-high { color: #a93226; } .sev-medium { color: #b9770e; }
figure { margin: 12px 0 20px; page-break-inside: avoid; break-inside: avoid; } figcaption { font-size: 12px; color: #444; }
svg.chart { max-width: 100%; height: auto; display: block; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
pre { white-space: pre-wrap; background: #f6f8fa; padding: 8px; border: 1px solid #e1e4e8; }
details { margin: 4px 0; } details > summary { cursor: pointer; }
.missing { color: #555; } a { color: #1f4e79; }
#summary table { table-layout: fixed; margin: 4px 0 8px; } #summary td, #summary th { overflow-wrap: anywhere; }
#summary table.one-line td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#summary .drivers { display: block; color: #444; font-size: 12px; } #summary .repo { color: #555; } #summary .rating { min-width: 0; width: 100%; box-sizing: border-box; }
#summary td.trend { font-size: 12px; } #summary td.trend .meta { display: block; font-size: inherit; } .trend-better { color: #1e8449; } .trend-worse { color: #a93226; } .trend-neutral { color: #1a1a1a; }
#summary tr.status-overdue td.status { color: #a93226; font-weight: bold; }
@media print { body { max-width: none; padding: 0; } header h1 { font-size: 20px; margin: 0; }
  header .meta { margin: 2px 0; } #summary { break-after: page; page-break-after: always; } #summary h2 { margin: 6px 0 4px; font-size: 17px; } #summary h3 { margin: 8px 0 2px; font-size: 13px; }
  #summary table { font-size: 9.5px; line-height: 1.3; margin: 2px 0 4px; } #summary th, #summary td { padding: 1px 4px; } #summary .drivers, #summary td.trend { font-size: 9px; } #summary p { margin: 2px 0; font-size: 9.5px; } h2 { page-break-after: avoid; break-after: avoid; } a { color: inherit; text-decoration: none; } .evidence { display: none; } .print-only { display: block; } }
table.kpis td:first-child { width: 55%; } table.kpis td.num, table.kpis td.trend { white-space: nowrap; }
h4 { margin: 16px 0 6px; } .print-only { display: none; }
`;
