-- Neovim (0.7+) as a second, independent LSP client of our server: start it with the built-in
-- client, open a file, wait for publishDiagnostics, write what arrived as JSON, and quit.
-- Run: nvim --headless --clean -c "luafile test/nvim/lsp.lua" FILE (0.7 has no -l option)
-- Environment: MLOPS_SERVER (path to dist/server.js), MLOPS_NODE (node), MLOPS_OUT (result file).
local server = os.getenv('MLOPS_SERVER')
local node = os.getenv('MLOPS_NODE') or 'node'
local out = os.getenv('MLOPS_OUT')
local file = vim.api.nvim_buf_get_name(0)

local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local received = nil
local client_id = vim.lsp.start_client({
  name = 'mlops',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      if params.uri == vim.uri_from_fname(file) then received = params end
    end,
  },
})
if client_id == nil then finish({ error = 'start_client failed' }) end
vim.lsp.buf_attach_client(0, client_id)

local ok = vim.wait(20000, function() return received ~= nil end, 20)
if not ok then finish({ error = 'no diagnostics within 20 s' }) end
local client = vim.lsp.get_client_by_id(client_id)
finish({ server = client and client.server_capabilities and 'ok' or 'none', diagnostics = received.diagnostics })
