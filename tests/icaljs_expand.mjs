// Parse .ics files with Thunderbird's ical.js and print, as JSON, per file: the calendar's
// properties and every event with its occurrences in one year.
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
      if (next.year === Number(year)) occurrences.push(next.toString());
    }
    const end = event.endDate;
    return {
      uid: event.uid,
      summary: event.summary,
      summaryLanguage: component.getFirstProperty("summary").getParameter("language"),
      allDay: event.startDate.isDate,
      lengthDays: event.duration.toSeconds() / 86400,
      url: component.getFirstPropertyValue("url"),
      categories: component.getFirstProperty("categories").getValues(),
      occurrences,
    };
  });
  result[file] = {
    name: root.getFirstPropertyValue("name"),
    calname: root.getFirstPropertyValue("x-wr-calname"),
    method: root.getFirstPropertyValue("method"),
    events,
  };
}
process.stdout.write(JSON.stringify(result));
