-- The layout of acia's documents in Typst (PDF): pandoc filter, used for the PDF only.
--
-- A letter's blocks are fenced divs (templates/documents/_tete.md.j2, _pied.md.j2) that DOCX and ODT
-- print with their paragraph styles (reference.docx, reference.odt); here they become Typst layout:
-- the senders side by side, the addressee in the right half, place and date on the right, the
-- signature blocks side by side, kept together with the closing formula.
-- Every document: ragged right (no stretched words), no hyphenation in tables, headings kept with
-- what follows them (a « .ensemble » div is kept whole), A4 margins of a letter.

local function raw(text)
  return pandoc.RawBlock("typst", text)
end

local function wrap(open, blocks, close)
  local result = { raw(open) }
  for _, block in ipairs(blocks) do
    table.insert(result, block)
  end
  table.insert(result, raw(close))
  return result
end

-- Children divs laid out in a grid, one column each.
local function columns(div, gutter)
  local cells = {}
  for _, block in ipairs(div.content) do
    if block.t == "Div" then
      table.insert(cells, block.content)
    end
  end
  if #cells == 0 then
    return {}
  end
  local widths = {}
  for _ = 1, #cells do
    table.insert(widths, "1fr")
  end
  local result = { raw("#block(breakable: false, width: 100%)[#grid(columns: (" .. table.concat(widths, ", ") .. ",), column-gutter: " .. gutter .. ",") }
  for _, cell in ipairs(cells) do
    table.insert(result, raw("["))
    for _, block in ipairs(cell) do
      table.insert(result, block)
    end
    table.insert(result, raw("],"))
  end
  table.insert(result, raw(")]"))
  return result
end

-- The signature blocks side by side: who signs (« Pour l'ARS… », the function) on a first row, then room
-- to sign, then the names on a second row, aligned whatever the length of each function.
local function signatures(div)
  local qualities, names = {}, {}
  for _, signature in ipairs(div.content) do
    if signature.t == "Div" then
      for _, part in ipairs(signature.content) do
        if part.t == "Div" and part.classes:includes("qualite") then
          table.insert(qualities, part.content)
        elseif part.t == "Div" and part.classes:includes("nom") then
          table.insert(names, part.content)
        end
      end
    end
  end
  local widths = {}
  for _ = 1, #qualities do
    table.insert(widths, "1fr")
  end
  local open = "#v(0.4cm)\n#block(breakable: false, width: 100%)["
  if #qualities == 1 then  -- one signatory: the block stands in the right half, as in any letter
    open = open .. "#pad(left: 50% + 0.5cm)["
  end
  local result = { raw(open .. "#grid(columns: (" .. table.concat(widths, ", ") .. ",), column-gutter: 0.8cm, row-gutter: 1.8cm,") }
  for _, group in ipairs({ qualities, names }) do
    for _, cell in ipairs(group) do
      table.insert(result, raw("["))
      for _, block in ipairs(cell) do
        table.insert(result, block)
      end
      table.insert(result, raw("],"))
    end
  end
  table.insert(result, raw(#qualities == 1 and ")]]" or ")]"))
  return result
end

local function letter_div(div)
  local classes = div.classes
  if classes:includes("expediteurs") then
    return columns(div, "1cm"), false
  end
  if classes:includes("signatures") then
    return signatures(div), false
  end
  if classes:includes("destinataire") then
    return wrap("#v(0.8cm)\n#pad(left: 50% + 0.5cm)[", div.content, "]"), false
  end
  if classes:includes("lieu-date") then
    return wrap("#v(0.6cm)\n#align(right)[", div.content, "]"), false
  end
  if classes:includes("fait-a") then
    return wrap("#v(0.4cm)\n#block(sticky: true)[", div.content, "]"), false
  end
  if classes:includes("objet") then
    return wrap("#v(0.6cm)\n#block[", div.content, "]\n#v(0.5cm)"), false
  end
  if classes:includes("ensemble") then  -- a heading, its lead paragraph and its table: never split across pages
    return wrap("#block(breakable: false, width: 100%)[", div.content, "]"), false
  end
  if classes:includes("formule") then
    return wrap("#block(sticky: true)[", div.content, "]"), false
  end
  return nil
end

local STYLE = [[
#set par(justify: false)
#show table: set text(hyphenate: false)
#show heading: set block(sticky: true)
]]

return {
  {
    Meta = function(meta)
      if meta.margin == nil then
        meta.margin = pandoc.MetaMap({ x = pandoc.MetaInlines({ pandoc.Str("2.2cm") }), y = pandoc.MetaInlines({ pandoc.Str("2cm") }) })
      end
      return meta
    end,
  },
  {
    traverse = "topdown",
    Div = letter_div,
  },
  {
    Pandoc = function(document)
      table.insert(document.blocks, 1, raw(STYLE))
      return document
    end,
  },
}
