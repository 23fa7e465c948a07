// Parse .ics files with Thunderbird's ical.js and print, as JSON, per file: the calendar's
// properties and every event with its occurrences (first day, exclusive end) starting in YEAR.
// Usage: node tests/icaljs_expand.mjs YEAR FILE...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [year, ...files] = process.argv.slice(2);
const result = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const occurrences = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.year <= Number(year); next = iterator.next()) {
      if (next.year !== Number(year)) continue;
      const details = event.getOccurrenceDetails(next);
      occurrences.push([details.startDate.toString(), details.endDate.toString()]);
    }
    const lastModified = component.getFirstPropertyValue("last-modified");
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      summaryLanguage: component.getFirstProperty("summary").getParameter("language"),
      allDay: event.startDate.isDate,
      lengthDays: event.duration.toSeconds() / 86400,
      sequence: event.sequence,
      dtstamp: component.getFirstPropertyValue("dtstamp").toString(),
      lastModified: lastModified ? lastModified.toString() : null,
      url: component.getFirstPropertyValue("url"),
      categories: component.getFirstProperty("categories").getValues(),
      alarms: component.getAllSubcomponents("valarm").map((alarm) => alarm.getFirstPropertyValue("trigger").toString()),
      occurrences,
    };
  });
  result[file] = {
    name: root.getFirstPropertyValue("name"),
    calname: root.getFirstPropertyValue("x-wr-calname"),
    method: root.getFirstPropertyValue("method"),
    refresh: root.getFirstPropertyValue("refresh-interval") ? String(root.getFirstPropertyValue("refresh-interval")) : null,
    events,
  };
}
process.stdout.write(JSON.stringify(result));
