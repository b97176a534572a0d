-- Driven by test/lsp/neovim.test.ts: Neovim's own LSP client runs `paper lsp` on a copy of the seed
-- paper, the way the README configures it. It opens the manuscript, types a wrong key, and writes
-- what the editor then holds (diagnostics, a completion, a rename) as JSON to the file named by
-- PAPER_NVIM_OUT, then quits. Every wait is bounded.
local out = os.getenv('PAPER_NVIM_OUT')
local manuscript = os.getenv('PAPER_NVIM_MANUSCRIPT')
local command = vim.split(os.getenv('PAPER_NVIM_CMD'), '\t')
local result = {}

local function finish()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local ok, problem = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(manuscript))
  local config = { name = 'paper', cmd = command, root_dir = vim.fn.fnamemodify(manuscript, ':h:h') }
  if vim.lsp.start then
    vim.lsp.start(config)
  else
    -- Neovim 0.7 (Debian 12) has no vim.lsp.start: the same, by hand.
    vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))
  end
  result.client = vim.lsp.start and 'vim.lsp.start' or 'vim.lsp.start_client'

  local function diagnostics()
    local list = {}
    for _, item in ipairs(vim.diagnostic.get(0)) do
      local code = item.code or (item.user_data and item.user_data.lsp and item.user_data.lsp.code)
      table.insert(list, string.format('%d:%d %s %s', item.lnum, item.col, tostring(code), item.message))
    end
    table.sort(list)
    return list
  end

  result.opened = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50) and diagnostics() or 'timed out'

  -- Type a wrong key: `kazembassy2009` becomes `kazembasy2009`, one `s` deleted in insert mode.
  vim.fn.search('kazembassy2009')
  vim.cmd('normal! 8l')
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('i<BS><Esc>', true, false, true), 'x', false)
  result.line = vim.api.nvim_get_current_line():match('%[@kazemba[^%]]*%]')
  result.typed = vim.wait(30000, function()
    for _, item in ipairs(vim.diagnostic.get(0)) do
      if item.message:find('kazembasy2009', 1, true) then return true end
    end
    return false
  end, 50) and diagnostics() or 'timed out'

  local client = vim.lsp.get_active_clients()[1]
  local uri = vim.uri_from_bufnr(0)
  -- Where a key starts on the cursor's line, in UTF-16 code units as the server counts.
  local function keyPosition(key)
    local row = vim.api.nvim_win_get_cursor(0)[1]
    local line = vim.api.nvim_get_current_line()
    local byte = line:find('[@' .. key, 1, true) + 1
    return { line = row - 1, character = select(2, vim.str_utfindex(line, byte)) }
  end

  -- Completion right after `[@`, where the wrong key stands.
  local completion = vim.lsp.buf_request_sync(0, 'textDocument/completion', { textDocument = { uri = uri }, position = keyPosition('kazembasy2009') }, 10000)
  local items = {}
  for _, response in pairs(completion or {}) do
    for _, item in ipairs((response.result or {}).items or {}) do
      if item.label:find('^kaz') then table.insert(items, item.label .. ': ' .. (item.detail or '')) end
    end
  end
  result.completion = items

  -- Undo the typing, then rename the key across the manuscript and the .bib.
  vim.cmd('normal! u')
  result.undone = vim.wait(30000, function() return #vim.diagnostic.get(0) == #result.opened end, 50)
  local position = keyPosition('kazembassy2009')
  -- A name already taken is refused, and nothing changes.
  local taken = vim.lsp.buf_request_sync(0, 'textDocument/rename', { textDocument = { uri = uri }, position = position, newName = 'olcott1992' }, 10000)
  for _, response in pairs(taken or {}) do
    local err = response.err or response.error
    result.takenError = err and err.message or 'no error'
  end
  local rename = vim.lsp.buf_request_sync(0, 'textDocument/rename', { textDocument = { uri = uri }, position = position, newName = 'kazembassy2009a' }, 10000)
  for _, response in pairs(rename or {}) do
    if response.result then vim.lsp.util.apply_workspace_edit(response.result, client.offset_encoding or 'utf-16') end
    -- (`err` since Neovim 0.8, `error` before.)
    local err = response.err or response.error
    if err then result.renameError = err.message end
  end
  result.renamed = vim.api.nvim_get_current_line():match('%[@kazemba[^%]]*%]')
  local bib = vim.fn.bufnr(vim.fn.fnamemodify(manuscript, ':h:h') .. '/bibliography/references.bib')
  result.bibEntry = bib > 0 and vim.fn.getbufline(bib, 1, '$')[vim.fn.match(vim.fn.getbufline(bib, 1, '$'), 'kazembassy') + 1] or 'not loaded'
end)
if not ok then result.error = tostring(problem) end
finish()
