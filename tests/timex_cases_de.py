"""German temporal-tagging cases, one table per rule family (run by test_timex_tables.py)."""
from __future__ import annotations

from timex_support import DCT, D

ABSOLUTE = [
    ("Die Proteste begannen am 31. Januar 2024 in Almaty.", DCT, "31. Januar 2024", "2024-01-31",
     "2024-01-31", "2024-01-31", "day"),
    ("Das Treffen fand am 2022-01-07 statt.", DCT, "2022-01-07", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("Die Weisung vom 1.9.39 blieb geheim.", DCT, "1.9.39", "1939-09-01", "1939-09-01", "1939-09-01", "day"),
    ("Die Partei wurde im Jahr 2014 verboten.", DCT, "Jahr 2014", "2014", "2014-01-01", "2014-12-31", "year"),
    ("Die Sowjetunion zerfiel 1991 endgültig.", DCT, "1991", "1991", "1991-01-01", "1991-12-31", "year"),
    ("Anfang 2022 kam es zu Unruhen.", DCT, "Anfang 2022", "2022", "2022-01-01", "2022-04-30", "year"),
    ("Ende 2021 stiegen die Gaspreise.", DCT, "Ende 2021", "2021", "2021-09-01", "2021-12-31", "year"),
    ("Mitte der 1990er entstand die Pipeline.", DCT, "Mitte der 1990er", "199", "1990-01-01", "1999-12-31",
     "decade"),
    ("In den 1990er Jahren wuchs die Stadt.", DCT, "1990er Jahren", "199", "1990-01-01", "1999-12-31", "decade"),
    ("Das 20. Jahrhundert war von Kriegen geprägt.", DCT, "20. Jahrhundert", "19", "1900-01-01", "1999-12-31",
     "century"),
    ("Im März 2020 wurden die Grenzen geschlossen.", DCT, "März 2020", "2020-03", "2020-03-01", "2020-03-31",
     "month"),
    ("Im Sommer 2021 brannten die Steppen.", DCT, "Sommer 2021", "2021-SU", "2021-06-01", "2021-08-31", "season"),
    ("Im Winter 2021 fror die Leitung ein.", DCT, "Winter 2021", "2021-WI", "2021-12-01", "2022-02-28", "season"),
    ("Die Schlacht endete 480 v. Chr. mit einem Sieg.", DCT, "480 v. Chr.", "BC0480", None, None, "year"),
]


DEICTIC = [
    ("Heute tagt der Sicherheitsrat.", "Heute", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("Ende letzten Monats wurde gewählt.", "Ende letzten Monats", "2021-12", "2021-12-21", "2021-12-31", "month"),
    ("Anfang vergangenen Jahres begann es.", "Anfang vergangenen Jahres", "2021", "2021-01-01", "2021-04-30", "year"),
    ("Gestern wurde der Flughafen besetzt.", "Gestern", "2022-01-06", "2022-01-06", "2022-01-06", "day"),
    ("Die Truppen landen morgen in Almaty.", "morgen", "2022-01-08", "2022-01-08", "2022-01-08", "day"),
    ("Vergangene Woche brachen Proteste aus.", "Vergangene Woche", "2021-W52", "2021-12-27", "2022-01-02", "week"),
    ("Das Chaos wurde in der vergangenen Woche entfesselt.", "in der vergangenen Woche", "2021-W52", "2021-12-27",
     "2022-01-02", "week"),
    ("Letzte Woche stiegen die Preise.", "Letzte Woche", "2021-W52", "2021-12-27", "2022-01-02", "week"),
    ("Die Gespräche sollen nächste Woche beginnen.", "nächste Woche", "2022-W02", "2022-01-10", "2022-01-16",
     "week"),
    ("Der Vertrag wurde vor 25 Jahren unterzeichnet.", "vor 25 Jahren", "1997", "1997-01-01", "1997-12-31", "year"),
    ("Derzeit wird rund um die Uhr berichtet.", "Derzeit", "PRESENT_REF", "2022-01-07", "2022-01-07", "day"),
    ("Jetzt ist die Lage ruhig.", "Jetzt", "PRESENT_REF", "2022-01-07", "2022-01-07", "day"),
    ("Im nächsten Monat wird gewählt.", "Im nächsten Monat", "2022-02", "2022-02-01", "2022-02-28", "month"),
]


ANAPHORIC = [
    ("Im Jahr 2010 begann der Bau. Im Jahr davor gab es Proteste.", "Im Jahr davor", "2009", "2009-01-01",
     "2009-12-31", "year"),
    ("Im Jahr 2010 begann der Bau. Im selben Jahr wurde gewählt.", "Im selben Jahr", "2010", "2010-01-01",
     "2010-12-31", "year"),
    ("Im März 2010 begann der Bau. Im folgenden Monat streikten die Arbeiter.", "Im folgenden Monat", "2010-04",
     "2010-04-01", "2010-04-30", "month"),
    ("Am 5. Mai 1945 fiel die Stadt. Drei Tage später kapitulierte die Armee.", "Drei Tage später", "1945-05-08",
     "1945-05-08", "1945-05-08", "day"),
    ("Im Jahr 1998 wurde Astana Hauptstadt. Am 12. Dezember zogen die Ministerien um.", "12. Dezember",
     "1998-12-12", "1998-12-12", "1998-12-12", "day"),
    ("Im Jahr 1998 wurde Astana Hauptstadt. Im März zogen die Ministerien um.", "März", "1998-03",
     "1998-03-01", "1998-03-31", "month"),
    ("Es ist wichtig: heute (7. Januar) ist in Russland Weihnachten.", "7. Januar", "2022-01-07", "2022-01-07",
     "2022-01-07", "day"),
]


# A day, month, season or weekday without a year: the occurrence nearest the reference time that the
# clause's tense allows (DCT is Friday 7 January 2022). Rows carry their own anchor date.
YEARLESS = [
    ("Am 28. Dezember wurden in Almaty Schüsse gemeldet.", DCT, "28. Dezember", "2021-12-28", "2021-12-28",
     "2021-12-28", "day"),
    ("Am 28. Dezember soll das Parlament neu gewählt werden.", DCT, "28. Dezember", "2022-12-28", "2022-12-28",
     "2022-12-28", "day"),
    ("Die Abstimmung am 28. Dezember bleibt umstritten.", DCT, "28. Dezember", "2021-12-28", "2021-12-28",
     "2021-12-28", "day"),
    ("Am 20. Januar tagt der Rat.", DCT, "20. Januar", "2022-01-20", "2022-01-20", "2022-01-20", "day"),
    ("Im März fanden in Bischkek Wahlen statt.", DCT, "März", "2021-03", "2021-03-01", "2021-03-31", "month"),
    ("Im März wird in Bischkek gewählt.", DCT, "März", "2022-03", "2022-03-01", "2022-03-31", "month"),
    ("Im Sommer wurde die Pipeline eröffnet.", DCT, "Sommer", "2021-SU", "2021-06-01", "2021-08-31", "season"),
    ("Im Jahr 2021 starb ein Aktivist in Haft. Am 16. Mai wurde ein Demonstrant getötet.", D("2022-05-19"),
     "16. Mai", "2022-05-16", "2022-05-16", "2022-05-16", "day"),
    ("Am Dienstag startete die Rakete.", DCT, "Dienstag", "2022-01-04", "2022-01-04", "2022-01-04", "day"),
    ("Am Dienstag wird die Rakete starten.", DCT, "Dienstag", "2022-01-11", "2022-01-11", "2022-01-11", "day"),
    ("Die Kapsel hatte am Dienstag abgelegt und wird am Freitag andocken.", DCT, "Dienstag", "2022-01-04",
     "2022-01-04", "2022-01-04", "day"),
    ("Die Kapsel hatte am Dienstag abgelegt und wird am Freitag andocken.", DCT, "Freitag", "2022-01-14",
     "2022-01-14", "2022-01-14", "day"),
    ("Die Gespräche beginnen am 20. Januar. Die letzte Runde war in Astana.", DCT, "20. Januar", "2022-01-20",
     "2022-01-20", "2022-01-20", "day"),
    ("In der Nacht auf Mittwoch kam es zu Schüssen.", DCT, "Nacht auf Mittwoch", "2022-01-05", "2022-01-04",
     "2022-01-05", "day"),
    ("In der Nacht zum 3. Januar brannte das Rathaus.", DCT, "Nacht zum 3. Januar", "2022-01-03", "2022-01-02",
     "2022-01-03", "day"),
    ("Anfang Dezember wurde der Vertrag unterzeichnet.", DCT, "Anfang Dezember", "2021-12", "2021-12-01",
     "2021-12-10", "month"),
    ("Ende Februar soll die Leitung fertig sein.", DCT, "Ende Februar", "2022-02", "2022-02-21", "2022-02-28",
     "month"),
    ("Er hatte vor gut einer Woche das Amt übernommen.", DCT, "vor gut einer Woche", "2021-W52", "2021-12-27",
     "2022-01-02", "week"),
]


QUOTED = [
    ("1991 sagte der Präsident des NED: „Vieles von dem, was wir heute tun, wurde vor 25 Jahren von der CIA "
     "getan.“", "heute", "1991", "1991-01-01", "1991-12-31", "year"),
    ("1991 sagte der Präsident des NED: „Vieles von dem, was wir heute tun, wurde vor 25 Jahren von der CIA "
     "getan.“", "vor 25 Jahren", "1966", "1966-01-01", "1966-12-31", "year"),
    ("Am 5. Januar 2022 erklärte der Minister, gestern sei alles ruhig gewesen.", "gestern", "2022-01-04",
     "2022-01-04", "2022-01-04", "day"),
    ("„Heute ist ein guter Tag“, sagte Tokajew am 3. März 2019.", "Heute", "2019-03-03", "2019-03-03",
     "2019-03-03", "day"),
]


GENERIC = [
    ("Weihnachten feiern sie am 7. Januar und nicht am 25. Dezember.", "7. Januar", "XXXX-01-07"),
    ("Weihnachten feiern sie am 7. Januar und nicht am 25. Dezember.", "25. Dezember", "XXXX-12-25"),
    ("Sie feiern es jedes Jahr am 9. Mai.", "9. Mai", "XXXX-05-09"),
    ("Jeden Sonntag demonstrieren sie vor dem Rathaus.", "Jeden Sonntag", "XXXX-WXX-7"),
]


NO_DCT = [
    ("Heute beginnt der Gipfel.", "Heute", "PRESENT_REF"),
    ("Derzeit ist die Lage unklar.", "Derzeit", "PRESENT_REF"),
    ("Letzte Woche begannen die Proteste.", "Letzte Woche", "PAST_REF"),
    ("Das war vor 3 Jahren.", "vor 3 Jahren", "PAST_REF"),
    ("Sie kamen am 7. Januar an.", "7. Januar", "XXXX-01-07"),
]


DURATIONS = [
    ("Die Kämpfe dauerten drei Tage.", "drei Tage", "P3D"),
    ("Der Putsch wurde in wenigen Tagen niedergeschlagen.", "wenigen Tagen", "PXD"),
    ("Das Land war 25 Jahre lang unabhängig.", "25 Jahre", "P25Y"),
]


NO_FALSE_DATES = [
    "In Moskau wird derzeit rund um die Uhr darüber berichtet.",
    "Russland entsendet 3.000 Fallschirmjäger nach Kasachstan.",
    "Ein Teil der 19 Millionen Einwohner könnte fliehen.",
    "Etwa 15 Prozent der Bevölkerung sind Russen.",
    "Dort wird das System S-550 entwickelt.",
    "Die Regierung schickte 2000 Soldaten und zahlte 1500 Dollar.",
    "Die Armee griff mit 1500 Panzern an.",
    "Die Kinder spielen mit dem Ball, die Eltern schauen zu.",
    "Mai Thi Nguyen-Kim moderiert die Sendung.",
]
