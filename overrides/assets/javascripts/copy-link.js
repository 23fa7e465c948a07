// The copy button beside a feed URL (calendar page). Without JavaScript the button stays
// hidden and the URL is in a field the reader can select; nothing here talks to another host.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) continue;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
    } catch {
      field.select(); // no permission to write the clipboard: select the URL for a manual copy
    }
    setTimeout(() => { button.textContent = label; }, 3000);
  });
}
for (const field of document.querySelectorAll("input.feed-url")) {
  field.addEventListener("focus", () => field.select());
}
