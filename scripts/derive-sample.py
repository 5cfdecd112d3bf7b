#!/usr/bin/env python3
"""Derives the collector's bundled sample from the two research data sets.

Usage: scripts/derive-sample.py [SHARED_DATA_DIR]   (default: ../shared/data beside the repository)

Writes, under collector-service/src/main/resources/sample/:
  pytcgplayer/prices.csv  tcgplayer_id,date,market_price            (from daily_clean.csv)
  tcgcsv/prices.csv       date,group_id,tcgplayer_id,printing,low_price,mid_price,high_price,market_price
                                                                     (from tcgplayer_prices_daily.csv)
  tcgcsv/products.csv     tcgplayer_id,group_id,group_name,name,number,rarity,product_kind
                                                                     (from products.csv)
Only columns are dropped and rows sorted; every row and value is kept as recorded (suspect rows
too). Which source wins for a product recorded by both is decided by the collector, not here.
The SOURCE.md files next to the outputs are written by hand.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "collector-service", "src", "main", "resources", "sample")


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows")


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT), "shared", "data")
    if not os.path.isdir(shared):
        sys.exit(f"derive-sample.py: {shared}: no such directory (give the shared data directory as argument)")
    py = read(os.path.join(shared, "pytcgplayer-tcgplayer-history", "daily_clean.csv"))
    write(os.path.join(OUT, "pytcgplayer", "prices.csv"), ["tcgplayer_id", "date", "market_price"],
          sorted(((r["tcgplayer_product_id"], r["date"], r["market_price_usd"]) for r in py),
                 key=lambda r: (int(r[0]), r[1])))

    tcgcsv = os.path.join(shared, "tcgcsv-tcgplayer-daily")
    prices = read(os.path.join(tcgcsv, "tcgplayer_prices_daily.csv"))
    write(os.path.join(OUT, "tcgcsv", "prices.csv"),
          ["date", "group_id", "tcgplayer_id", "printing", "low_price", "mid_price", "high_price", "market_price"],
          sorted(((r["date"], r["group_id"], r["product_id"], r["sub_type_name"], r["low_price"], r["mid_price"],
                   r["high_price"], r["market_price"]) for r in prices),
                 key=lambda r: (int(r[1]), int(r[2]), r[3], r[0])))
    products = read(os.path.join(tcgcsv, "products.csv"))
    write(os.path.join(OUT, "tcgcsv", "products.csv"),
          ["tcgplayer_id", "group_id", "group_name", "name", "number", "rarity", "product_kind"],
          sorted(((r["product_id"], r["group_id"], r["group_name"], r["name"], r["number"], r["rarity"],
                   r["product_kind"]) for r in products),
                 key=lambda r: (int(r[1]), int(r[0]))))


if __name__ == "__main__":
    main()
