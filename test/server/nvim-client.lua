-- A real LSP client for the language server test: Neovim's built-in client (0.7+), headless.
-- Opens RUNBOOK_FILE, starts `RUNBOOK_LINT_CMD` (a JSON array) for it, waits for diagnostics,
-- asks for code actions on line 1 and completion on the last line, stops the server, and writes
-- what it saw as JSON to RUNBOOK_OUT. Every step is guarded so a failure is reported, not hung.
local result = { steps = {} }
local out = os.getenv('RUNBOOK_OUT')

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(os.getenv('RUNBOOK_LINT_CMD'))
  local file = os.getenv('RUNBOOK_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local exited = false
  local client_id = vim.lsp.start_client({
    name = 'runbook-lint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':h'),
    init_options = { debounceMs = 0 },
    on_exit = function(code) result.exit_code = code; exited = true end,
  })
  result.client_started = client_id ~= nil
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.diagnostics_seen = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- lnum/col are 0-based; col counts bytes (Neovim converts the server's UTF-16 characters).
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, message = d.message, source = d.source, code = d.code, severity = d.severity })
  end
  table.insert(result.steps, 'diagnostics')

  local client = vim.lsp.get_client_by_id(client_id)
  -- What vim.lsp.buf.code_action() sends as context: the line's diagnostics in LSP shape.
  local on_line_one = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 0)
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = on_line_one },
  }, 10000, bufnr)
  result.code_actions = {}
  for _, a in ipairs((actions and actions.result) or {}) do table.insert(result.code_actions, a.title) end
  table.insert(result.steps, 'codeAction')

  -- Type a heading on a new last line, then ask for completion there.
  local last = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '', '## ' })
  local completion = client.request_sync('textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = last + 1, character = 3 },
  }, 10000, bufnr)
  result.completion = {}
  local items = completion and completion.result or {}
  if items.items then items = items.items end
  for _, i in ipairs(items) do table.insert(result.completion, i.label) end
  table.insert(result.steps, 'completion')

  vim.lsp.stop_client(client_id)
  result.stopped = vim.wait(10000, function() return exited end, 50)
  table.insert(result.steps, 'stopped')
end)
if not ok then result.error = tostring(err) end
finish()
