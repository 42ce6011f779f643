-- Neovim end-to-end test of `passwordgrant lsp`, run by TestNeovim:
--   nvim --headless -u init.lua -i NONE -n -c 'luafile nvim_e2e.lua'
-- where init.lua is the README's Neovim 0.7 configuration, and
-- `passwordgrant` on the PATH is the built command. Environment: PG_FILE
-- (a Go file of a copy of testdata/lspmod), PG_RESULT (where to write what
-- happened, as JSON). It uses only what Neovim 0.7 has: the diagnostics
-- the client stores, a codeAction request and apply_workspace_edit, as
-- vim.lsp.buf.code_action does.
local result = { steps = {} }

local function step(s)
  table.insert(result.steps, s)
end

local function finish(ok, err)
  result.ok = ok
  result.error = err
  vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv('PG_RESULT'))
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, {
      code = d.code,
      lnum = d.lnum,
      col = d.col,
      severity = d.severity,
      source = d.source,
      href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription
        and d.user_data.lsp.codeDescription.href or vim.NIL,
    })
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return out
end

local function main()
  local file = os.getenv('PG_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- The README's configuration starts the server on FileType go.
  local client_id
  assert(vim.wait(30000, function()
    for id, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'passwordgrant' then
        client_id = id
        return true
      end
    end
    return false
  end, 50), 'the configuration attached no passwordgrant client to ' .. file .. ' (filetype ' .. vim.bo.filetype .. ')')
  step('attached')

  assert(vim.wait(90000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50),
    'no diagnostics within 90 s')
  result.before = codes(bufnr)
  step('diagnostics')

  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'PG007' then target = d end
  end
  assert(target, 'no PG007 diagnostic')
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local client = vim.lsp.get_client_by_id(client_id)
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 30000)
  assert(responses and responses[client_id], 'no codeAction response')
  assert(not responses[client_id].error, vim.inspect(responses[client_id].error))
  local actions = responses[client_id].result or {}
  result.actions = {}
  local preferred
  for _, a in ipairs(actions) do
    table.insert(result.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred or false })
    if a.isPreferred and not preferred then preferred = a end
  end
  assert(preferred, 'no preferred code action among ' .. #actions)
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  vim.cmd('write')
  step('applied and wrote')

  -- The fixed finding goes away once the server has seen the change.
  result.pg007_cleared = vim.wait(60000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'PG007' then return false end
    end
    return true
  end, 50)
  result.after = codes(bufnr)

  client.stop()
  result.server_exited = vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
  step('stopped')
end

local ok, err = pcall(main)
finish(ok, ok and vim.NIL or tostring(err))
