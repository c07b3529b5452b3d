"""The funder's report: freezing its content, its differences to the previous version, its
PDF and XLSX, and the pages that issue and show it."""
