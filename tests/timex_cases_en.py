"""English temporal-tagging cases, one table per rule family (run by test_timex_tables.py)."""
from __future__ import annotations

from timex_support import DCT, D

ABSOLUTE = [
    ("Protests began on January 7th, 2022 in Almaty.", "January 7th, 2022", "2022-01-07", "2022-01-07",
     "2022-01-07", "day"),
    ("Protests began on 7 January 2022 in Almaty.", "7 January 2022", "2022-01-07", "2022-01-07", "2022-01-07",
     "day"),
    ("The summit opened on Jan. 12, 2023.", "Jan. 12, 2023", "2023-01-12", "2023-01-12", "2023-01-12", "day"),
    ("The order is dated 2022-01-07.", "2022-01-07", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("The party was banned in 2014.", "2014", "2014", "2014-01-01", "2014-12-31", "year"),
    ("In early 2022 unrest spread.", "early 2022", "2022", "2022-01-01", "2022-04-30", "year"),
    ("The pipeline was built in the 1990s.", "1990s", "199", "1990-01-01", "1999-12-31", "decade"),
    ("Oil output peaked in the mid-1990s.", "mid-1990s", "199", "1990-01-01", "1999-12-31", "decade"),
    ("The 20th century brought two wars.", "20th century", "19", "1900-01-01", "1999-12-31", "century"),
    ("Borders closed in March 2020.", "March 2020", "2020-03", "2020-03-01", "2020-03-31", "month"),
    ("The steppe burned in summer 2021.", "summer 2021", "2021-SU", "2021-06-01", "2021-08-31", "season"),
    ("Carthage fell in 146 BC after a siege.", "146 BC", "BC0146", None, None, "year"),
]


DEICTIC = [
    ("Today the council meets.", "Today", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("Votes were cast late last month.", "late last month", "2021-12", "2021-12-21", "2021-12-31", "month"),
    ("It began early last year.", "early last year", "2021", "2021-01-01", "2021-04-30", "year"),
    ("The airport was seized yesterday.", "yesterday", "2022-01-06", "2022-01-06", "2022-01-06", "day"),
    ("Troops land tomorrow.", "tomorrow", "2022-01-08", "2022-01-08", "2022-01-08", "day"),
    ("Prices rose last week.", "last week", "2021-W52", "2021-12-27", "2022-01-02", "week"),
    ("Elections are due next month.", "next month", "2022-02", "2022-02-01", "2022-02-28", "month"),
    ("The treaty was signed 25 years ago.", "25 years ago", "1997", "1997-01-01", "1997-12-31", "year"),
    ("The situation is currently calm.", "currently", "PRESENT_REF", "2022-01-07", "2022-01-07", "day"),
]


ANAPHORIC = [
    ("The plant opened in 2010. The following year it closed.", "The following year", "2011", "2011-01-01",
     "2011-12-31", "year"),
    ("The city fell on 5 May 1945. Three days later the army surrendered.", "Three days later", "1945-05-08",
     "1945-05-08", "1945-05-08", "day"),
    ("Astana became the capital in 1998. On 12 December the ministries moved.", "12 December", "1998-12-12",
     "1998-12-12", "1998-12-12", "day"),
]


# A day, month, season or weekday without a year (see timex_cases_de.YEARLESS).
YEARLESS = [
    ("Shots were reported in Almaty on 28 December.", DCT, "28 December", "2021-12-28", "2021-12-28",
     "2021-12-28", "day"),
    ("Parliament will be re-elected on 28 December.", DCT, "28 December", "2022-12-28", "2022-12-28",
     "2022-12-28", "day"),
    ("The vote on 28 December remains disputed.", DCT, "28 December", "2021-12-28", "2021-12-28", "2021-12-28",
     "day"),
    ("The council meets on 20 January.", DCT, "20 January", "2022-01-20", "2022-01-20", "2022-01-20", "day"),
    ("Elections were held in March.", DCT, "March", "2021-03", "2021-03-01", "2021-03-31", "month"),
    ("Elections are scheduled to take place in March.", DCT, "March", "2022-03", "2022-03-01", "2022-03-31", "month"),
    ("The 2021 death of an activist sparked protests. A protester was killed on May 16.", D("2022-05-19"),
     "May 16", "2022-05-16", "2022-05-16", "2022-05-16", "day"),
    ("The rocket launched on Tuesday.", DCT, "Tuesday", "2022-01-04", "2022-01-04", "2022-01-04", "day"),
    ("The rocket will launch on Tuesday.", DCT, "Tuesday", "2022-01-11", "2022-01-11", "2022-01-11", "day"),
    ("The cargo arrived on Tuesday and will be shipped on Friday.", DCT, "Tuesday", "2022-01-04", "2022-01-04",
     "2022-01-04", "day"),
    ("The cargo arrived on Tuesday and will be shipped on Friday.", DCT, "Friday", "2022-01-14", "2022-01-14",
     "2022-01-14", "day"),
    ("Talks resume on 20 January. The last round was held in Astana.", DCT, "20 January", "2022-01-20",
     "2022-01-20", "2022-01-20", "day"),
    ("Shots were fired overnight into Wednesday.", DCT, "overnight into Wednesday", "2022-01-05", "2022-01-04",
     "2022-01-05", "day"),
    ("The treaty was signed in early December.", DCT, "early December", "2021-12", "2021-12-01", "2021-12-10",
     "month"),
    ("The pipeline is scheduled to open in late February.", DCT, "late February", "2022-02", "2022-02-21",
     "2022-02-28", "month"),
    ("He took office just over a week ago.", DCT, "just over a week ago", "2021-W52", "2021-12-27", "2022-01-02",
     "week"),
]


QUOTED = [
    ("In 1991 Weinstein said: \"A lot of what we do today was done 25 years ago by the CIA.\"", "today", "1991",
     "1991-01-01", "1991-12-31", "year"),
    ("In 1991 Weinstein said: \"A lot of what we do today was done 25 years ago by the CIA.\"", "25 years ago",
     "1966", "1966-01-01", "1966-12-31", "year"),
    ("“Today is a good day,” Tokayev said on 3 March 2019.", "Today", "2019-03-03", "2019-03-03", "2019-03-03",
     "day"),
]


GENERIC = [
    ("They celebrate it on 7 January, not on 25 December.", "7 January", "XXXX-01-07"),
    ("Every year on 9 May veterans march through Almaty.", "9 May", "XXXX-05-09"),
    ("They protest every Sunday.", "every Sunday", "XXXX-WXX-7"),
]


NO_DCT = [
    ("Today the summit begins.", "Today", "PRESENT_REF"),
    ("Protests began last week.", "last week", "PAST_REF"),
    ("They arrived on 7 January.", "7 January", "XXXX-01-07"),
]


DURATIONS = [
    ("The fighting lasted three days.", "three days", "P3D"),
    ("The coup was put down in a few days.", "a few days", "PXD"),
    ("The country was independent for 25 years.", "25 years", "P25Y"),
]


NO_FALSE_DATES = [
    "Moscow television reports on it around the clock.",
    "Russia sends 3,000 paratroopers to Kazakhstan.",
    "Many of the 19 million inhabitants could flee.",
    "About 15 percent of the population are Russians.",
    "The S-550 system is developed there.",
    "The government sent 2000 soldiers and paid 1500 dollars.",
    "May I ask a question? The Arab Spring changed the region.",
    "She will march with the others.",
]
