// "Bagikan" on an innovation page: the page's address (from the browser when the site has no site_url),
// a WhatsApp link with the title and address, "Salin tautan", and the system's share sheet where the browser
// has one (Web Share API). No third-party script and no tracking parameters.
function ready() {
  const box = document.getElementById("ki-bagikan");
  if (!box || box.dataset.siap) return;
  box.dataset.siap = "1";
  const shown = document.getElementById("ki-bagikan-alamat");
  const address = shown.textContent.trim() || location.href.split("#")[0];
  const title = document.querySelector("article h1")?.textContent.trim() || document.title;
  shown.textContent = address;
  shown.closest("p").hidden = false;
  const wa = document.getElementById("ki-bagikan-wa");
  wa.href = `https://wa.me/?text=${encodeURIComponent(`${title} ${address}`)}`;
  wa.rel = "noopener";
  wa.hidden = false;
  const copy = document.getElementById("ki-bagikan-salin");
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(address);
      copy.textContent = "Tautan tersalin";
    } catch {  // no clipboard (an old browser, an insecure page): select the address to copy by hand
      const range = document.createRange();
      range.selectNodeContents(shown);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      copy.textContent = "Salin alamat yang ditandai";
    }
  });
  const other = document.getElementById("ki-bagikan-lain");
  if (navigator.share) {
    other.hidden = false;
    other.addEventListener("click", () => navigator.share({ title, url: address }).catch(() => {}));
  }
}
if (typeof document$ !== "undefined") document$.subscribe(ready);
else document.addEventListener("DOMContentLoaded", ready);
