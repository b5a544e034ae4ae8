-- The .xmap language server driven by Neovim's built-in LSP client (0.7 API: vim.lsp.start_client,
-- which later versions keep): opens ../mistakes.xmap and checks diagnostics, a hover and a completion
-- against ../mistakes.expected.json, as the Node client test does. Run headless:
--   nvim --headless --noplugin -u NONE -c 'luafile editors/clients/neovim/test.lua'
-- MAPDSL_LSP_DLL overrides the server dll. Exits 0 when every check passes, 1 otherwise.

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local repository = vim.fn.fnamemodify(here, ':h:h:h')
local dll = os.getenv('MAPDSL_LSP_DLL')
  or (repository .. '/src/LanguageServer/bin/Debug/net10.0/MapDsl.LanguageServer.dll')
-- Generous: the first start of a .NET server on a loaded 2-core machine takes seconds.
local timeout_ms = 60000

local failures = 0

local function check(condition, message)
  if condition then
    print('ok: ' .. message)
  else
    failures = failures + 1
    print('FAILED: ' .. message)
  end
end

local function read(path)
  local file = assert(io.open(path, 'r'))
  local text = file:read('*a')
  file:close()
  return text
end

local function run()
  local expected = vim.fn.json_decode(read(here .. '/../mistakes.expected.json'))
  local path = vim.fn.fnamemodify(here .. '/../' .. expected.file, ':p')

  check(vim.fn.filereadable(dll) == 1, 'the server is built: ' .. dll)
  if vim.fn.filereadable(dll) ~= 1 then
    return
  end

  -- client_is_stopped is also true before initialize has been answered, so the exit is tracked here.
  local exit_code = nil
  local client_id = vim.lsp.start_client({
    name = 'mapdsl',
    cmd = { 'dotnet', dll, '--stdio' },
    root_dir = repository,
    on_exit = function(code) exit_code = code end,
  })
  check(client_id ~= nil, 'start_client returned a client id')
  if client_id == nil then
    return
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buffer = vim.api.nvim_get_current_buf()
  vim.bo[buffer].filetype = 'xmap'
  check(vim.lsp.buf_attach_client(buffer, client_id), 'buf_attach_client attached the buffer')

  -- didOpen goes out once the server has answered initialize; diagnostics follow it. A server
  -- that dies instead ends the wait at once rather than after the timeout.
  vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(buffer) >= #expected.diagnostics or exit_code ~= nil
  end, 50)
  check(exit_code == nil, 'the server is running' .. (exit_code and (' (it exited with ' .. exit_code .. ')') or ''))
  if exit_code ~= nil then
    return
  end

  local diagnostics = vim.diagnostic.get(buffer)
  table.sort(diagnostics, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  for _, d in ipairs(diagnostics) do
    print(string.format('diagnostic %s %d:%d %s', tostring(d.code), d.lnum + 1, d.col + 1, d.message))
  end
  check(#diagnostics == #expected.diagnostics,
    string.format('%d diagnostics (expected %d)', #diagnostics, #expected.diagnostics))
  for i, want in ipairs(expected.diagnostics) do
    local got = diagnostics[i] or {}
    -- vim.diagnostic: 0-based line and byte column, as in LSP for this ASCII file; severity 1 = ERROR, 2 = WARN, as in LSP.
    check(got.code == want.code and got.lnum == want.line and got.col == want.character and got.severity == want.severity
        and type(got.message) == 'string' and got.message:find(want.message, 1, true) ~= nil,
      string.format('diagnostic %d is %s at %d:%d, "%s"', i, want.code, want.line + 1, want.character + 1, want.message))
  end

  local position = function(at)
    return { textDocument = vim.lsp.util.make_text_document_params(buffer), position = { line = at.line, character = at.character } }
  end

  local hovers, hover_error = vim.lsp.buf_request_sync(buffer, 'textDocument/hover', position(expected.hover), timeout_ms)
  local hover = hovers and hovers[client_id] and hovers[client_id].result
  check(hover ~= nil, 'hover answered' .. (hover_error and (' (' .. hover_error .. ')') or ''))
  if hover then
    print(string.format('hover at %d:%d: %s', expected.hover.line + 1, expected.hover.character + 1, vim.fn.json_encode(hover.contents)))
    check(hover.contents.kind == 'markdown', 'hover is markdown')
    for _, text in ipairs(expected.hover.contains) do
      check(hover.contents.value:find(text, 1, true) ~= nil, 'hover contains "' .. text .. '"')
    end
  end

  local completions, completion_error = vim.lsp.buf_request_sync(buffer, 'textDocument/completion', position(expected.completion), timeout_ms)
  local completion = completions and completions[client_id] and completions[client_id].result
  check(completion ~= nil, 'completion answered' .. (completion_error and (' (' .. completion_error .. ')') or ''))
  if completion then
    local items = completion.items or completion
    print(string.format('completion at %d:%d: %s', expected.completion.line + 1, expected.completion.character + 1, vim.fn.json_encode(items)))
    local labels = vim.tbl_map(function(item) return item.label end, items)
    table.sort(labels)
    local want = vim.deepcopy(expected.completion.labels)
    table.sort(want)
    check(vim.deep_equal(labels, want), 'completion labels are ' .. table.concat(want, ', '))
  end

  -- shutdown then exit, as on quitting the editor; the server must go away by itself.
  vim.lsp.stop_client(client_id)
  vim.wait(timeout_ms, function() return exit_code ~= nil end, 50)
  check(exit_code == 0, 'the server exited with 0 after shutdown and exit (' .. tostring(exit_code) .. ')')
end

local ok, error_message = pcall(run)
if not ok then
  failures = failures + 1
  print('FAILED: the test raised ' .. tostring(error_message))
end
if failures == 0 then
  print('neovim client: all checks passed')
  vim.cmd('qa!')
else
  print(string.format('neovim client: %d checks failed', failures))
  vim.cmd('cquit 1')
end
