-- Converts many documents in one pandoc process (`pandoc lua pandoc-lot.lua JOBS FILTER DOCX ODT`).
--
-- Starting pandoc costs more than converting a letter: acia (scripts/acia/letters/pandoc.py) gives
-- each process a list of conversions instead of one. JOBS has one line per conversion, fields
-- separated by tabs: number, folder, format (docx, odt or typst), SOURCE_DATE_EPOCH, output file.
-- The folder holds document.md and its images. The options are those of the command line
-- `pandoc --from=markdown-implicit_figures` (with --reference-doc, or -s and the PDF layout FILTER
-- for Typst): the bytes are the same. After each conversion a line goes to standard output,
-- « ok <number> » or « erreur <number> <message> », so acia counts progress and reports failures.

local jobs, filter, reference_docx, reference_odt = arg[1], arg[2], arg[3], arg[4]
local READER = "markdown-implicit_figures"
local templates = {
  odt = pandoc.template.compile(pandoc.template.default("opendocument")),
  typst = pandoc.template.compile(pandoc.template.default("typst")),
}
local references = { docx = reference_docx, odt = reference_odt }

local function read_file(name)
  local handle = assert(io.open(name, "rb"))
  local content = handle:read("a")
  handle:close()
  return content
end

local function write_file(name, content)
  local handle = assert(io.open(name, "wb"))
  handle:write(content)
  handle:close()
end

local function convert(folder, format, output)
  pandoc.system.with_working_directory(folder, function()
    local document = pandoc.read(read_file("document.md"), READER)
    local options = { template = templates[format] }
    if format == "typst" then
      document = pandoc.utils.run_lua_filter(document, filter)
    elseif references[format] ~= "" then
      options.reference_doc = references[format]
    end
    write_file(output, pandoc.write(document, format, options))
  end)
end

for line in io.lines(jobs) do
  local number, folder, format, epoch, output = line:match("^(%d+)\t([^\t]+)\t([^\t]+)\t(%d+)\t([^\t]+)$")
  local done, problem = pcall(pandoc.system.with_environment, { SOURCE_DATE_EPOCH = epoch }, function()
    convert(folder, format, output)
  end)
  if done then
    io.write("ok\t", number, "\n")
  else
    io.write("erreur\t", number, "\t", (tostring(problem):gsub("%s+", " ")), "\n")
  end
  io.stdout:flush()
end
