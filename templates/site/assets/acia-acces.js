// Ouverture du dossier protégé d'une structure (page « Votre dossier » du site publié).
//
// Le dossier est publié chiffré dans acces/<adresse>/ (acia publier) : 0.bin, le sommaire, puis
// un fichier par page ou par document. Le navigateur tire de la phrase de passe, avec l'API Web
// Crypto, les mêmes clés que acia.publish.keys (PBKDF2-SHA256 puis HKDF-SHA256) : l'adresse du
// dossier et sa clé AES-256-GCM. La phrase de passe ne quitte jamais le navigateur.
(function () {
  "use strict";
  var box = document.querySelector(".acia-acces");
  var shown = document.querySelector(".acia-dossier-protege");
  if (!box || !shown) {
    return;
  }
  var input = box.querySelector("#acia-phrase");
  var remember = box.querySelector("#acia-souvenir");
  var button = box.querySelector("[data-acces='ouvrir']");
  var state = box.querySelector(".acia-acces-etat");
  var encoder = new TextEncoder();
  var salt = hexBytes(box.getAttribute("data-sel"));
  var rounds = parseInt(box.getAttribute("data-tours"), 10);
  var siteRoot = new URL(box.getAttribute("data-racine"), window.location.href);
  var storageKey = "acia-acces-" + box.getAttribute("data-sel");
  var opened = null; // {key, folder, manifest}

  function hexBytes(text) {
    var bytes = new Uint8Array(text.length / 2);
    for (var index = 0; index < bytes.length; index += 1) {
      bytes[index] = parseInt(text.substr(index * 2, 2), 16);
    }
    return bytes;
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (value) {
      return ("0" + value.toString(16)).slice(-2);
    }).join("");
  }

  function base64(buffer) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer)));
  }

  function fromBase64(text) {
    return Uint8Array.from(atob(text), function (character) { return character.charCodeAt(0); });
  }

  // Comme acia.publish.keys.normalised : sans accents, en minuscules, un espace entre les mots.
  function normalised(phrase) {
    return phrase.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z]+/).filter(Boolean).join(" ");
  }

  function say(message, failed) {
    state.textContent = message;
    state.setAttribute("role", failed ? "alert" : "status");
    state.classList.toggle("acia-acces-erreur", Boolean(failed));
  }

  async function expand(master, info) {
    return crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(info) }, master, 256);
  }

  async function keysOf(phrase) {
    var material = await crypto.subtle.importKey("raw", encoder.encode(normalised(phrase)), "PBKDF2", false, ["deriveBits"]);
    var bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: rounds }, material, 256);
    var master = await crypto.subtle.importKey("raw", bits, "HKDF", false, ["deriveBits"]);
    var encryption = await expand(master, "acia/chiffrement/v1");
    var address = await expand(master, "acia/adresse/v1");
    return { raw: encryption, folder: hex(address).slice(0, 32) };
  }

  async function unsealed(key, folder, name) {
    var response = await fetch(new URL("acces/" + folder + "/" + name, siteRoot), { cache: "no-cache" });
    if (!response.ok) {
      return null;
    }
    var bytes = new Uint8Array(await response.arrayBuffer());
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: encoder.encode(name) }, key, bytes.slice(12));
  }

  async function open(raw, folder) {
    var key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
    var manifest;
    try {
      var content = await unsealed(key, folder, "0.bin");
      if (content === null) {
        return false;
      }
      manifest = JSON.parse(new TextDecoder().decode(content));
    } catch (error) {
      return false;
    }
    opened = { key: key, folder: folder, manifest: manifest };
    return true;
  }

  // Le chemin, depuis la racine du site, d'un lien écrit dans la page « page » du dossier.
  function sitePath(href, page) {
    var target = new URL(href, new URL(page, siteRoot));
    if (target.origin !== siteRoot.origin || target.pathname.indexOf(siteRoot.pathname) !== 0) {
      return null;
    }
    return { path: decodeURIComponent(target.pathname.slice(siteRoot.pathname.length)).replace(/index\.html$/, ""), hash: target.hash, url: target };
  }

  async function download(path) {
    var file = opened.manifest.fichiers[path];
    say("Déchiffrement de « " + file.nom + " »…");
    var content = await unsealed(opened.key, opened.folder, file.fichier);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: file.type }));
    link.download = file.nom;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    say("« " + file.nom + " » est téléchargé.");
  }

  async function show(path, focus) {
    var page = opened.manifest.pages[path];
    if (!page) {
      path = "";
      page = opened.manifest.pages[""];
    }
    var content = await unsealed(opened.key, opened.folder, page.fichier);
    shown.innerHTML = new TextDecoder().decode(content);
    // The dossier's headings may share an identifier with this page's (« votre-dossier »): theirs get a prefix.
    shown.querySelectorAll("[id]").forEach(function (element) {
      var id = element.id;
      if (document.querySelectorAll("#" + CSS.escape(id)).length > 1) {
        element.id = "dossier-" + id;
        shown.querySelectorAll("a[href=\"#" + CSS.escape(id) + "\"]").forEach(function (link) {
          link.setAttribute("href", "#dossier-" + id);
        });
      }
    });
    shown.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#") {
        return; // un titre de la même page
      }
      var target = sitePath(href, path);
      if (target === null) {
        return; // une adresse d'un autre site
      }
      if (opened.manifest.pages[target.path]) {
        link.setAttribute("href", "?page=" + encodeURIComponent(target.path) + target.hash);
        link.setAttribute("data-dossier", target.path);
      } else if (opened.manifest.fichiers[target.path]) {
        link.setAttribute("href", "#");
        link.setAttribute("data-fichier", target.path);
      } else {
        link.setAttribute("href", target.url.href); // une page publique du site
      }
    });
    shown.querySelectorAll("img[src]").forEach(function (image) {
      var target = sitePath(image.getAttribute("src"), path);
      if (target !== null && !opened.manifest.fichiers[target.path]) {
        image.setAttribute("src", target.url.href);
      }
    });
    document.title = page.titre + " - " + pageTitle.split(" - ").slice(-1)[0]; // « page - site », as the theme writes it
    setPageShown(false); // the dossier has its own title and notices: the page's would repeat them
    shown.hidden = false;
    closer.hidden = false;
    if (focus) {
      var heading = shown.querySelector("h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
  }

  // The elements of this page around the dossier: hidden while a dossier is open.
  var pageTitle = document.title;
  var around = [];
  function setPageShown(visible) {
    if (!visible && around.length === 0) {
      Array.prototype.forEach.call(shown.parentNode.children, function (element) {
        if (element !== shown && element !== closer && !element.hidden) {
          around.push(element);
          element.hidden = true;
        }
      });
    } else if (visible) {
      around.forEach(function (element) { element.hidden = false; });
      around = [];
      document.title = pageTitle;
    }
  }

  shown.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-dossier], a[data-fichier]");
    if (!link) {
      return;
    }
    event.preventDefault();
    if (link.hasAttribute("data-fichier")) {
      download(link.getAttribute("data-fichier"));
      return;
    }
    var path = link.getAttribute("data-dossier");
    window.history.pushState({ page: path }, "", link.getAttribute("href"));
    show(path, true);
  });

  window.addEventListener("popstate", function () {
    if (opened) {
      show(new URLSearchParams(window.location.search).get("page") || "", true);
    }
  });

  var closer = document.createElement("p");
  closer.hidden = true;
  closer.innerHTML = "<button type=\"button\" class=\"md-button\">Fermer mon dossier</button>";
  shown.parentNode.insertBefore(closer, shown);
  closer.querySelector("button").addEventListener("click", function () {
    opened = null;
    window.localStorage.removeItem(storageKey);
    shown.innerHTML = "";
    shown.hidden = true;
    closer.hidden = true;
    setPageShown(true);
    input.value = "";
    window.history.pushState({}, "", window.location.pathname);
    say("Votre dossier est fermé" + (remember.checked ? " et oublié sur cet appareil." : "."));
    remember.checked = false;
    input.focus();
  });

  async function submit() {
    if (!window.crypto || !window.crypto.subtle) {
      say("Ce navigateur ne sait pas déchiffrer le dossier (il faut une page en https et un navigateur récent).", true);
      return;
    }
    if (!normalised(input.value)) {
      say("Saisissez la phrase de passe de votre structure.", true);
      input.focus();
      return;
    }
    button.disabled = true;
    say("Ouverture de votre dossier…");
    try {
      var derived = await keysOf(input.value);
      if (!(await open(derived.raw, derived.folder))) {
        say("Cette phrase de passe n'ouvre aucun dossier. Vérifiez-la mot à mot ; les accents et les majuscules sont facultatifs.", true);
        input.focus();
        return;
      }
      if (remember.checked) {
        window.localStorage.setItem(storageKey, JSON.stringify({ cle: base64(derived.raw), dossier: derived.folder }));
      }
      say("");
      await show(new URLSearchParams(window.location.search).get("page") || "", true);
    } finally {
      button.disabled = false;
    }
  }

  button.addEventListener("click", submit);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    }
  });

  // Un dossier gardé sur cet appareil s'ouvre sans phrase de passe.
  var kept = window.localStorage.getItem(storageKey);
  if (kept && window.crypto && window.crypto.subtle) {
    try {
      var saved = JSON.parse(kept);
      open(fromBase64(saved.cle), saved.dossier).then(function (ok) {
        if (ok) {
          remember.checked = true;
          show(new URLSearchParams(window.location.search).get("page") || "", false);
        } else {
          window.localStorage.removeItem(storageKey);
        }
      });
    } catch (error) {
      window.localStorage.removeItem(storageKey);
    }
  }
})();
